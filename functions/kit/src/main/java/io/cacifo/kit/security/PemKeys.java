package io.cacifo.kit.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the PEM key files the locker and the back-end exchange: public keys as X.509
 * SubjectPublicKeyInfo ({@code PUBLIC KEY}), private keys as unencrypted PKCS#8 ({@code PRIVATE KEY}),
 * the forms {@code openssl genpkey} and {@code openssl pkey -pubout} write. Only EC P-256 (request
 * signatures) and RSA of at least 2048 bits (code envelopes) are accepted.
 *
 * <p>Failure behaviour: anything else throws {@link IllegalStateException} naming what was expected
 * and what was found (block labels, key type), never the key text or bytes, and without the
 * parser's cause, whose message may quote the input.
 */
public final class PemKeys {
    public static final String PUBLIC = "PUBLIC KEY";
    public static final String PRIVATE = "PRIVATE KEY";
    private static final int MIN_RSA_BITS = 2048;
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");
    private static final Pattern ANY_BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");

    private PemKeys() {
    }

    /** The PEM text of a public key, 64 characters a line, ending in a newline. */
    public static String publicPem(PublicKey key) {
        return pem(PUBLIC, key.getEncoded());
    }

    /** The PEM text of a private key (unencrypted PKCS#8); whoever writes it to disk must protect the file. */
    public static String privatePem(PrivateKey key) {
        return pem(PRIVATE, key.getEncoded());
    }

    /** The first {@code PUBLIC KEY} block of {@code pem}, which must be an EC P-256 key. */
    public static PublicKey ecPublicKey(String pem) {
        return ecPublicKeys(pem).get(0);
    }

    /**
     * Every {@code PUBLIC KEY} block of {@code pem}, each an EC P-256 key: one file can hold the
     * current key and, during a rotation, the next or previous one.
     */
    public static List<PublicKey> ecPublicKeys(String pem) {
        List<PublicKey> keys = new ArrayList<>();
        for (byte[] der : present(blocks(pem, PUBLIC), pem, PUBLIC)) {
            keys.add(EcP256.require(decodePublic(der, "EC"), "public"));
        }
        return keys;
    }

    /**
     * Whether {@code pem} holds a private key of any kind ({@code PRIVATE KEY}, {@code EC PRIVATE KEY},
     * {@code RSA PRIVATE KEY}, {@code ENCRYPTED PRIVATE KEY}, ...), well-formed or not: for a file that
     * must hold public keys only.
     */
    public static boolean holdsPrivateKey(String pem) {
        if (pem == null) {
            return false;
        }
        Matcher begin = ANY_BEGIN.matcher(pem);
        while (begin.find()) {
            if (begin.group(1).endsWith("PRIVATE KEY")) {
                return true;
            }
        }
        return false;
    }

    /** The {@code PRIVATE KEY} block of {@code pem}, which must be an EC P-256 key. */
    public static PrivateKey ecPrivateKey(String pem) {
        return EcP256.require(decodePrivate(single(pem, PRIVATE), "EC"), "private");
    }

    /**
     * An EC P-256 key pair from one text holding the {@code PRIVATE KEY} block and its {@code PUBLIC KEY}
     * block (Java cannot derive the public point from a PKCS#8 EC key). A public key that does not
     * belong to the private one is refused, so a signer never announces the wrong key id.
     */
    public static KeyPair ecKeyPair(String pem) {
        PrivateKey privateKey = ecPrivateKey(pem);
        if (blocks(pem, PUBLIC).isEmpty()) {
            throw new IllegalStateException("the EC private key file must also hold its '" + PUBLIC
                    + "' block (append the public PEM file to it)");
        }
        KeyPair pair = new KeyPair(ecPublicKey(pem), privateKey);
        if (!EcP256.belongTogether(pair)) {
            throw new IllegalStateException("the '" + PUBLIC + "' block does not belong to the '" + PRIVATE + "' block");
        }
        return pair;
    }

    /** The first {@code PUBLIC KEY} block of {@code pem}, which must be an RSA key of at least 2048 bits. */
    public static PublicKey rsaPublicKey(String pem) {
        return requireRsa(decodePublic(single(pem, PUBLIC), "RSA"), "public");
    }

    /** The {@code PRIVATE KEY} block of {@code pem}, which must be an RSA key of at least 2048 bits. */
    public static PrivateKey rsaPrivateKey(String pem) {
        return requireRsa(decodePrivate(single(pem, PRIVATE), "RSA"), "private");
    }

    /**
     * The public half of an RSA private key that carries it (a PKCS#8 RSA key always does, as a CRT
     * key); empty for a key that does not, such as one held in a hardware token.
     */
    public static Optional<PublicKey> rsaPublicKeyOf(PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey)) {
            return Optional.empty();
        }
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) key;
        try {
            return Optional.of(KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JRE cannot rebuild an RSA public key", e);
        }
    }

    /**
     * The id a key travels under: the first 16 hex characters of sha256 of its X.509 encoding. Public,
     * stable across PEM re-encodings and the same on both sides.
     */
    public static String keyId(PublicKey key) {
        try {
            return Hex.of(MessageDigest.getInstance("SHA-256").digest(key.getEncoded())).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static byte[] single(String pem, String label) {
        return present(blocks(pem, label), pem, label).get(0);
    }

    private static List<byte[]> present(List<byte[]> blocks, String pem, String label) {
        if (blocks.isEmpty()) {
            throw new IllegalStateException(notFound(pem, label));
        }
        return blocks;
    }

    /** The DER bytes of every well-formed block labelled {@code label}, in order; possibly none. */
    private static List<byte[]> blocks(String pem, String label) {
        List<byte[]> found = new ArrayList<>();
        if (pem == null) {
            return found;
        }
        Matcher block = BLOCK.matcher(pem);
        while (block.find()) {
            if (block.group(1).equals(label)) {
                found.add(base64(block.group(2), label));
            }
        }
        return found;
    }

    private static String notFound(String pem, String label) {
        if (pem == null || pem.isBlank()) {
            return "expected a PEM '" + label + "' block but the text is empty";
        }
        Set<String> labels = new LinkedHashSet<>();
        Matcher begin = ANY_BEGIN.matcher(pem);
        while (begin.find()) {
            labels.add(begin.group(1));
        }
        if (labels.contains(label)) {
            return "the PEM '" + label + "' block is malformed or not terminated by its END line";
        }
        if (labels.isEmpty()) {
            return "expected a PEM '" + label + "' block but the text has no BEGIN line";
        }
        String hint = "";
        if (labels.contains("RSA PRIVATE KEY") || labels.contains("EC PRIVATE KEY")) {
            hint = " (convert to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in old.pem -out new.pem)";
        } else if (labels.contains("ENCRYPTED PRIVATE KEY")) {
            hint = " (encrypted keys are not supported: the secret store protects the file)";
        } else if (labels.contains("RSA PUBLIC KEY")) {
            hint = " (convert with: openssl rsa -RSAPublicKey_in -pubout -in old.pem -out new.pem)";
        }
        return "expected a PEM '" + label + "' block but found " + labels + hint;
    }

    private static byte[] base64(String text, String label) {
        try {
            return Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the PEM '" + label + "' block is not valid base64");
        }
    }

    private static PublicKey decodePublic(byte[] der, String algorithm) {
        try {
            return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("the '" + PUBLIC + "' block is not an " + algorithm + " public key");
        }
    }

    private static PrivateKey decodePrivate(byte[] der, String algorithm) {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("the '" + PRIVATE + "' block is not an " + algorithm + " private key");
        }
    }

    private static <K extends Key> K requireRsa(K key, String kind) {
        int bits = ((RSAKey) key).getModulus().bitLength();
        if (bits < MIN_RSA_BITS) {
            throw new IllegalStateException("the RSA " + kind + " key has " + bits + " bits; at least "
                    + MIN_RSA_BITS + " are required");
        }
        return key;
    }
}

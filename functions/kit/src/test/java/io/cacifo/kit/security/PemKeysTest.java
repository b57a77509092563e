package io.cacifo.kit.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PemKeysTest {
    private static final KeyPair EC = KeyPairs.ecP256();
    private static final KeyPair RSA = KeyPairs.rsa(2048);

    /** Written by {@code openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256; openssl pkey -pubout}. */
    private static final String OPENSSL_EC_PUBLIC = "-----BEGIN PUBLIC KEY-----\n"
            + "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEjKSVgDybHMJ2iLE0u0CREg04OOf\n"
            + "/0//jmpVWjh/MeIoj9oJpLKOq/ryRhz35JAzpH53MQdHKFp95kf4d9Ch1Q==\n"
            + "-----END PUBLIC KEY-----\n";
    /** {@code openssl pkey -pubin -outform DER | sha256sum | cut -c1-16} of the key above. */
    private static final String OPENSSL_EC_KEY_ID = "71ca4c04ebaaec26";
    /** Written by {@code openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048; openssl pkey -pubout}. */
    private static final String OPENSSL_RSA_PUBLIC = "-----BEGIN PUBLIC KEY-----\n"
            + "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA4uClM6ocITzucKU+FS/V\n"
            + "3qKMXS1cGjxIE1droADTYzqa33Zs+YLGhDzzJada11O8vgfCmpBxi57G73JOcZQe\n"
            + "4WBpnZ1OYuStg+QQgRQE1iHnrTkKWTTVhbDGt49ADqcOPkM9eSBFoDtbTIshXaAH\n"
            + "xzXnreAMVXfiKZzpwWV4SThUabLySabOoMcUvUdDPIzi7ag3D3rNfezqP8psFpSA\n"
            + "Pg476Vpz4nHOb1iGV4tr8R96onPFMqtvX62MG6dIQiPNGflvqCx3zQMhv4R5f/1W\n"
            + "WdM/9SnV6MZn4jZiLV2pv/Pb/rMhY6ZQR/aJpGDsh3ZAUG4sjn2dLKGu7YQnejwb\n"
            + "kQIDAQAB\n"
            + "-----END PUBLIC KEY-----\n";
    private static final String OPENSSL_RSA_KEY_ID = "ff12c7721fde65fb";

    static Stream<Arguments> roundTrips() {
        return Stream.of(
                Arguments.of("EC public", EC.getPublic(), PemKeys.publicPem(EC.getPublic()), (Function<String, Key>) PemKeys::ecPublicKey),
                Arguments.of("EC private", EC.getPrivate(), PemKeys.privatePem(EC.getPrivate()), (Function<String, Key>) PemKeys::ecPrivateKey),
                Arguments.of("RSA public", RSA.getPublic(), PemKeys.publicPem(RSA.getPublic()), (Function<String, Key>) PemKeys::rsaPublicKey),
                Arguments.of("RSA private", RSA.getPrivate(), PemKeys.privatePem(RSA.getPrivate()), (Function<String, Key>) PemKeys::rsaPrivateKey));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundTrips")
    void a_key_written_as_pem_reads_back_the_same(String what, Key key, String pem, Function<String, Key> reader) {
        assertArrayEquals(key.getEncoded(), reader.apply(pem).getEncoded(), what);
        assertTrue(pem.endsWith("-----\n"), what);
        assertTrue(pem.lines().allMatch(line -> line.length() <= 64), what + " has lines of at most 64 characters");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundTrips")
    void crlf_line_ends_and_text_around_the_block_are_accepted(String what, Key key, String pem, Function<String, Key> reader) {
        String windows = "Bag Attributes\r\n    friendlyName: cacifo\r\n" + pem.replace("\n", "\r\n") + "\r\n\r\n";

        assertArrayEquals(key.getEncoded(), reader.apply(windows).getEncoded(), what);
    }

    @Test
    void keys_written_by_openssl_are_read_and_get_the_same_key_id_openssl_computes() {
        assertEquals(OPENSSL_EC_KEY_ID, PemKeys.keyId(PemKeys.ecPublicKey(OPENSSL_EC_PUBLIC)));
        assertEquals(OPENSSL_RSA_KEY_ID, PemKeys.keyId(PemKeys.rsaPublicKey(OPENSSL_RSA_PUBLIC)));
    }

    @Test
    void a_key_id_is_16_hex_characters_stable_across_pem_and_different_per_key() {
        String id = PemKeys.keyId(EC.getPublic());

        assertTrue(id.matches("[0-9a-f]{16}"), id);
        assertEquals(id, PemKeys.keyId(PemKeys.ecPublicKey(PemKeys.publicPem(EC.getPublic()))));
        assertNotEquals(id, PemKeys.keyId(KeyPairs.ecP256().getPublic()));
    }

    @Test
    void the_public_half_of_an_rsa_private_key_is_its_public_key() {
        PublicKey rebuilt = PemKeys.rsaPublicKeyOf(PemKeys.rsaPrivateKey(PemKeys.privatePem(RSA.getPrivate()))).orElseThrow();

        assertArrayEquals(RSA.getPublic().getEncoded(), rebuilt.getEncoded());
    }

    @Test
    void one_file_can_hold_several_ec_public_keys_for_a_rotation() {
        KeyPair next = KeyPairs.ecP256();

        List<PublicKey> keys = PemKeys.ecPublicKeys(PemKeys.publicPem(EC.getPublic()) + PemKeys.publicPem(next.getPublic()));

        assertEquals(2, keys.size());
        assertArrayEquals(EC.getPublic().getEncoded(), keys.get(0).getEncoded());
        assertArrayEquals(next.getPublic().getEncoded(), keys.get(1).getEncoded());
    }

    @Test
    void an_ec_key_pair_reads_from_the_private_block_followed_by_its_public_block() {
        KeyPair pair = PemKeys.ecKeyPair(PemKeys.privatePem(EC.getPrivate()) + PemKeys.publicPem(EC.getPublic()));

        assertArrayEquals(EC.getPrivate().getEncoded(), pair.getPrivate().getEncoded());
        assertArrayEquals(EC.getPublic().getEncoded(), pair.getPublic().getEncoded());
    }

    static Stream<Arguments> badPem() throws Exception {
        String ecPrivate = PemKeys.privatePem(EC.getPrivate());
        String ecPublic = PemKeys.publicPem(EC.getPublic());
        String rsaPrivate = PemKeys.privatePem(RSA.getPrivate());
        String rsaPublic = PemKeys.publicPem(RSA.getPublic());
        KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
        small.initialize(1024);
        KeyPair weak = small.generateKeyPair();
        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
        p384.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair wrongCurve = p384.generateKeyPair();
        Function<String, Key> ecPub = PemKeys::ecPublicKey;
        Function<String, Key> ecPriv = PemKeys::ecPrivateKey;
        Function<String, Key> rsaPub = PemKeys::rsaPublicKey;
        Function<String, Key> rsaPriv = PemKeys::rsaPrivateKey;
        Function<String, Key> ecPair = text -> PemKeys.ecKeyPair(text).getPrivate();
        return Stream.of(
                Arguments.of("an empty file", "", rsaPriv, "expected a PEM 'PRIVATE KEY' block but the text is empty"),
                Arguments.of("a file without PEM", "not a key at all", rsaPub, "expected a PEM 'PUBLIC KEY' block but the text has no BEGIN line"),
                Arguments.of("a public key where a private one belongs", rsaPublic, rsaPriv, "expected a PEM 'PRIVATE KEY' block but found [PUBLIC KEY]"),
                Arguments.of("a PKCS#1 RSA key", rsaPrivate.replace("PRIVATE KEY", "RSA PRIVATE KEY"), rsaPriv,
                        "expected a PEM 'PRIVATE KEY' block but found [RSA PRIVATE KEY] (convert to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in old.pem -out new.pem)"),
                Arguments.of("a SEC1 EC key", ecPrivate.replace("PRIVATE KEY", "EC PRIVATE KEY"), ecPriv,
                        "expected a PEM 'PRIVATE KEY' block but found [EC PRIVATE KEY] (convert to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in old.pem -out new.pem)"),
                Arguments.of("an encrypted key", ecPrivate.replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY"), ecPriv,
                        "expected a PEM 'PRIVATE KEY' block but found [ENCRYPTED PRIVATE KEY] (encrypted keys are not supported: the secret store protects the file)"),
                Arguments.of("a block without its END line", ecPublic.substring(0, ecPublic.indexOf("-----END")), ecPub,
                        "the PEM 'PUBLIC KEY' block is malformed or not terminated by its END line"),
                Arguments.of("a stray character in the base64", ecPublic.replace("\n-----END", "!\n-----END"), ecPub,
                        "the PEM 'PUBLIC KEY' block is malformed or not terminated by its END line"),
                Arguments.of("padding in the middle", ecPublic.replaceFirst("\n", "\n==\n"), ecPub,
                        "the PEM 'PUBLIC KEY' block is not valid base64"),
                Arguments.of("a truncated key", ecPublic.replaceFirst("\n[^\n]*\n-----END", "\n-----END"), ecPub,
                        "the 'PUBLIC KEY' block is not an EC public key"),
                Arguments.of("an RSA key where EC belongs", rsaPublic, ecPub, "the 'PUBLIC KEY' block is not an EC public key"),
                Arguments.of("an EC key where RSA belongs", ecPrivate, rsaPriv, "the 'PRIVATE KEY' block is not an RSA private key"),
                Arguments.of("a P-384 key", PemKeys.publicPem(wrongCurve.getPublic()), ecPub, "the EC public key is not on curve P-256 (secp256r1)"),
                Arguments.of("a 1024-bit RSA key", PemKeys.publicPem(weak.getPublic()), rsaPub, "the RSA public key has 1024 bits; at least 2048 are required"),
                Arguments.of("a key pair without its public block", ecPrivate, ecPair,
                        "the EC private key file must also hold its 'PUBLIC KEY' block (append the public PEM file to it)"),
                Arguments.of("a key pair with another key's public block", ecPrivate + PemKeys.publicPem(KeyPairs.ecP256().getPublic()), ecPair,
                        "the 'PUBLIC KEY' block does not belong to the 'PRIVATE KEY' block"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPem")
    void a_bad_pem_file_gets_a_clear_message_without_key_material(String what, String pem, Function<String, Key> reader, String expected) {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> reader.apply(pem));

        assertEquals(expected, refused.getMessage(), what);
        assertNull(refused.getCause(), what + ": no parser cause that might quote the input");
        pem.lines().filter(line -> line.length() >= 8 && !line.startsWith("-----"))
                .forEach(line -> assertFalse(refused.getMessage().contains(line.substring(0, 8)), what + " quotes the key"));
    }
}

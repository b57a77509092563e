package io.cacifo.devstack.secrets;

import io.cacifo.devstack.gateway.SecretsFolder;
import io.cacifo.kit.config.Secrets;
import io.cacifo.kit.security.Hex;
import io.cacifo.kit.security.KeyPairs;
import io.cacifo.kit.security.PemKeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The locker's secrets, as {@code faas-cli secret create} would hold them: generated once into
 * {@code <root>/all/} (files readable by the owner only), and one folder per function holding only
 * the secrets stack.yaml gives it, which the function reads as its {@code secrets_dir}, like
 * /var/openfaas/secrets on faasd.
 *
 * <p>Two kinds: random keys and passwords (32 random bytes as 64 hex characters), and key pairs
 * (PEM): the back-end's EC P-256 pair ({@code backend-public-keys} for the functions,
 * {@code backend-private-key} for the devstack's own back-end side: demo data and tests) and the
 * locker's RSA 3072 pair ({@code locker-private-key} for reservation-manager, {@code locker-public-key}
 * for the back-end side). The back-end's private key, the locker's public key and the database
 * administrator's password are never given to a function ({@link #BACKEND_SIDE}). When it generates
 * the back-end's pair it also writes {@link #DEVSTACK_MARKER}, which the dashboard's demo mode checks.
 *
 * <p>Values never leave this class except through {@link #read}; messages name paths only.
 * Failure behaviour: disk problems throw {@link UncheckedIOException}; a secret stack.yaml asks
 * for that the devstack does not know throws {@link IllegalStateException}.
 */
public final class SecretStore {
    /** Random 64-hex secrets. */
    public static final List<String> RANDOM_NAMES = List.of("internal-hmac-key", "code-hash-key", "db-password",
            "backend-hmac-key", "basic-auth-password", "db-admin-password", "lock-board-key");
    /**
     * Written beside the keys, only when the devstack generates the back-end's pair:
     * {@code backend-private-key sha256:<hex of the file>}. The dashboard's demo mode drives a locker
     * only with a key so vouched for, never with a production key copied into the folder.
     */
    public static final String DEVSTACK_MARKER = "devstack-generated";
    /**
     * The internal key that verifies beside {@code internal-hmac-key} during a rotation; outside one,
     * the same key (faasd refuses to deploy a function whose secret does not exist).
     */
    public static final String INTERNAL_KEY_PREVIOUS = "internal-hmac-key-previous";
    /** The back-end's EC P-256 pair: the public PEM, and the private PEM with its public block appended. */
    public static final String BACKEND_PUBLIC_KEYS = "backend-public-keys";
    public static final String BACKEND_PRIVATE_KEY = "backend-private-key";
    /** The locker's RSA pair: PKCS#8 private PEM, X.509 public PEM. */
    public static final String LOCKER_PRIVATE_KEY = "locker-private-key";
    public static final String LOCKER_PUBLIC_KEY = "locker-public-key";
    /** Every secret the devstack holds. */
    public static final List<String> NAMES = List.of("internal-hmac-key", "code-hash-key", "db-password",
            "backend-hmac-key", "basic-auth-password", "db-admin-password", "lock-board-key", INTERNAL_KEY_PREVIOUS,
            BACKEND_PUBLIC_KEYS, BACKEND_PRIVATE_KEY, LOCKER_PRIVATE_KEY, LOCKER_PUBLIC_KEY);
    /** What the back-end and the installer hold, never a function: stack.yaml asking for one is refused. */
    public static final Set<String> BACKEND_SIDE = Set.of("db-admin-password", BACKEND_PRIVATE_KEY, LOCKER_PUBLIC_KEY);
    /** The locker's RSA key size; 3072 bits, as the back-end tool's keygen makes it. */
    static final int LOCKER_RSA_BITS = 3072;
    private static final String MARKER_HEADER = "# The cacifo devstack generated this back-end key for local tests;"
            + " no real locker trusts it.";
    private static final String ALL = "all";
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;

    private SecretStore(Path root) {
        this.root = root;
    }

    /** Opens the store at {@code root}, generating whichever secrets do not exist yet; existing ones are kept. */
    public static SecretStore open(Path root) {
        SecretStore store = new SecretStore(root);
        try {
            createPrivateDir(root);
            createPrivateDir(store.allDir());
            for (String name : RANDOM_NAMES) {
                Path file = store.path(name);
                if (!Files.exists(file)) {
                    writePrivate(file, randomHex());
                }
            }
            if (!Files.exists(store.path(INTERNAL_KEY_PREVIOUS))) {
                writePrivate(store.path(INTERNAL_KEY_PREVIOUS), store.read("internal-hmac-key"));
            }
            if (!Files.exists(store.path(BACKEND_PUBLIC_KEYS)) || !Files.exists(store.path(BACKEND_PRIVATE_KEY))) {
                KeyPair backend = KeyPairs.ecP256();
                String publicPem = PemKeys.publicPem(backend.getPublic());
                writePrivate(store.path(BACKEND_PUBLIC_KEYS), publicPem);
                // The form the back-end tool reads: the private block, then its public block (PemKeys.ecKeyPair).
                writePrivate(store.path(BACKEND_PRIVATE_KEY), PemKeys.privatePem(backend.getPrivate()) + publicPem);
                writePrivate(store.allDir().resolve(DEVSTACK_MARKER), MARKER_HEADER + "\n" + BACKEND_PRIVATE_KEY + " sha256:"
                        + Hex.of(sha256(Files.readAllBytes(store.path(BACKEND_PRIVATE_KEY)))));
            }
            if (!Files.exists(store.path(LOCKER_PRIVATE_KEY)) || !Files.exists(store.path(LOCKER_PUBLIC_KEY))) {
                KeyPair locker = KeyPairs.rsa(LOCKER_RSA_BITS);
                writePrivate(store.path(LOCKER_PRIVATE_KEY), PemKeys.privatePem(locker.getPrivate()));
                writePrivate(store.path(LOCKER_PUBLIC_KEY), PemKeys.publicPem(locker.getPublic()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the devstack's secrets under " + root, e);
        }
        return store;
    }

    public Path allDir() {
        return root.resolve(ALL);
    }

    /** Where the secret's file is, for telling a person where to find it without printing it. */
    public Path path(String name) {
        return allDir().resolve(name);
    }

    public String read(String name) {
        return new Secrets(allDir()).require(name);
    }

    /**
     * Makes (or remakes) {@code <root>/<owner>/} holding exactly {@code names}: files of secrets the
     * owner no longer gets are removed, so a change in stack.yaml takes a secret away too.
     */
    public Path grant(String owner, Collection<String> names) {
        if (ALL.equals(owner) || !owner.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("not a name a secrets folder can have: " + owner);
        }
        for (String name : names) {
            if (!NAMES.contains(name)) {
                throw new IllegalStateException(owner + " asks for secret '" + name
                        + "', which the devstack does not generate (it knows " + NAMES + ")");
            }
            if (BACKEND_SIDE.contains(name)) {
                throw new IllegalStateException(owner + " asks for secret '" + name
                        + "', which belongs to the back-end or the database administrator, never to a locker function");
            }
        }
        Path dir = root.resolve(owner);
        try {
            createPrivateDir(dir);
            try (Stream<Path> existing = Files.list(dir)) {
                for (Path file : (Iterable<Path>) existing::iterator) {
                    if (!names.contains(file.getFileName().toString())) {
                        Files.delete(file);
                    }
                }
            }
            for (String name : names) {
                Path file = dir.resolve(name);
                Files.deleteIfExists(file);
                writePrivate(file, read(name));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the secrets folder " + dir, e);
        }
        return dir;
    }

    /**
     * Replaces a secret's value, as {@code faas-cli secret create} (or update) does on faasd: the
     * file faasd mounts into every function holding the secret is overwritten in place, so each one
     * sees the new text at once, here in every owner's folder holding it. Failure behaviour: a name
     * the devstack does not know throws {@link IllegalArgumentException}; disk problems
     * {@link UncheckedIOException}.
     */
    public synchronized void update(String name, String value) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("the devstack holds no secret '" + name + "' (it knows " + NAMES + ")");
        }
        try {
            writePrivate(path(name), value);
            try (Stream<Path> owners = Files.list(root)) {
                for (Path owner : (Iterable<Path>) owners::iterator) {
                    Path file = owner.resolve(name);
                    if (!owner.getFileName().toString().equals(ALL) && Files.exists(file)) {
                        writePrivate(file, value);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not replace the secret '" + name + "' under " + root, e);
        }
    }

    /**
     * The locker's secrets as the gateway's {@code /system/secrets} may write them (faas-cli secret
     * create|update): every one a function may mount, never the back-end's or the administrator's.
     */
    public SecretsFolder gatewayFolder() {
        List<String> lockers = NAMES.stream().filter(name -> !BACKEND_SIDE.contains(name)).collect(Collectors.toList());
        return new SecretsFolder() {
            @Override
            public List<String> names() {
                return lockers;
            }

            @Override
            public void write(String name, String value) {
                if (!lockers.contains(name)) {
                    throw new IllegalArgumentException("not one of the locker's secrets: " + name);
                }
                update(name, value);
            }
        };
    }

    private static void createPrivateDir(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, OWNER_DIR);
    }

    /** Created with owner-only permissions from the start, so no other user can read it even briefly. */
    private static void writePrivate(Path file, String value) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
        } catch (FileAlreadyExistsException e) {
            Files.setPosixFilePermissions(file, OWNER_FILE);
        }
        Files.writeString(file, value.strip() + "\n", StandardCharsets.UTF_8);
        // The umask may have narrowed createFile's permissions; set them exactly.
        Files.setPosixFilePermissions(file, OWNER_FILE);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static String randomHex() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        StringBuilder hex = new StringBuilder(64);
        for (byte b : bytes) {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }
}

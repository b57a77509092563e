package io.cacifo.devstack.secrets;

import io.cacifo.kit.security.CodeEnvelope;
import io.cacifo.kit.security.Hex;
import io.cacifo.kit.security.PemKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretStoreTest {
    private Path root;

    @BeforeEach
    void makeRoot() throws IOException {
        root = Files.createTempDirectory("secret-store-test-").resolve("secrets");
    }

    @AfterEach
    void removeRoot() throws IOException {
        try (Stream<Path> paths = Files.walk(root.getParent())) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void every_random_secret_is_64_hex_characters_and_every_secret_readable_by_the_owner_only() throws IOException {
        SecretStore store = SecretStore.open(root);

        for (String name : SecretStore.RANDOM_NAMES) {
            assertTrue(Files.readString(store.path(name), StandardCharsets.UTF_8).strip().matches("[0-9a-f]{64}"), name);
        }
        for (String name : SecretStore.NAMES) {
            Path file = store.path(name);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), name);
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.allDir())));
    }

    @Test
    void the_back_end_and_locker_key_pairs_are_pem_pairs_that_belong_together() {
        SecretStore store = SecretStore.open(root);

        KeyPair backend = PemKeys.ecKeyPair(store.read(SecretStore.BACKEND_PRIVATE_KEY));
        assertEquals(backend.getPublic(), PemKeys.ecPublicKey(store.read(SecretStore.BACKEND_PUBLIC_KEYS)));
        PrivateKey locker = PemKeys.rsaPrivateKey(store.read(SecretStore.LOCKER_PRIVATE_KEY));
        PublicKey lockerPublic = PemKeys.rsaPublicKey(store.read(SecretStore.LOCKER_PUBLIC_KEY));
        assertEquals(3072, ((RSAPublicKey) lockerPublic).getModulus().bitLength());
        assertEquals("{\"ok\":1}", CodeEnvelope.seal(lockerPublic, "{\"ok\":1}", "P-1").open(locker, "P-1"));
        assertFalse(store.read(SecretStore.BACKEND_PUBLIC_KEYS).contains("PRIVATE"), "the functions' copy holds no private key");
    }

    @Test
    void key_pairs_are_kept_on_the_next_start() {
        SecretStore first = SecretStore.open(root);
        String backend = first.read(SecretStore.BACKEND_PRIVATE_KEY);
        String locker = first.read(SecretStore.LOCKER_PRIVATE_KEY);

        SecretStore second = SecretStore.open(root);

        assertEquals(backend, second.read(SecretStore.BACKEND_PRIVATE_KEY));
        assertEquals(locker, second.read(SecretStore.LOCKER_PRIVATE_KEY));
    }

    @Test
    void the_back_end_key_the_devstack_generates_is_vouched_for_by_a_marker_beside_it() throws IOException, NoSuchAlgorithmException {
        SecretStore store = SecretStore.open(root);

        Path marker = store.allDir().resolve(SecretStore.DEVSTACK_MARKER);
        String expected = SecretStore.BACKEND_PRIVATE_KEY + " sha256:" + sha256Hex(Files.readAllBytes(store.path(SecretStore.BACKEND_PRIVATE_KEY)));
        List<String> lines = Files.readAllLines(marker, StandardCharsets.UTF_8);
        assertTrue(lines.contains(expected), "the marker names the key's digest; got " + lines);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(marker)));
        assertEquals(lines, Files.readAllLines(SecretStore.open(root).allDir().resolve(SecretStore.DEVSTACK_MARKER)),
                "the next start keeps key and marker as they are");
    }

    @Test
    void a_back_end_key_the_devstack_did_not_generate_gets_no_marker() throws IOException {
        Path all = root.resolve("all");
        Files.createDirectories(all);
        // A key put in the folder by hand (say, copied from the back-end): the devstack keeps it but never vouches for it.
        Files.writeString(all.resolve(SecretStore.BACKEND_PRIVATE_KEY), "a key from elsewhere\n");
        Files.writeString(all.resolve(SecretStore.BACKEND_PUBLIC_KEYS), "its public key\n");

        SecretStore store = SecretStore.open(root);

        assertFalse(Files.exists(store.allDir().resolve(SecretStore.DEVSTACK_MARKER)));
        assertEquals("a key from elsewhere", store.read(SecretStore.BACKEND_PRIVATE_KEY));
    }

    @Test
    void a_back_end_key_pair_made_again_gets_a_marker_for_the_new_key() throws IOException, NoSuchAlgorithmException {
        SecretStore first = SecretStore.open(root);
        Files.delete(first.path(SecretStore.BACKEND_PUBLIC_KEYS));

        SecretStore second = SecretStore.open(root);

        String expected = SecretStore.BACKEND_PRIVATE_KEY + " sha256:" + sha256Hex(Files.readAllBytes(second.path(SecretStore.BACKEND_PRIVATE_KEY)));
        assertTrue(Files.readAllLines(second.allDir().resolve(SecretStore.DEVSTACK_MARKER)).contains(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"backend-private-key", "locker-public-key", "db-admin-password"})
    void the_back_end_s_and_the_administrator_s_secrets_are_never_given_to_a_function(String name) {
        SecretStore store = SecretStore.open(root);

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> store.grant("reservation-manager", List.of("internal-hmac-key", name)));

        assertTrue(refused.getMessage().contains(name), refused.getMessage());
        assertFalse(Files.exists(root.resolve("reservation-manager")));
    }

    @Test
    void secrets_are_generated_once_and_kept_on_the_next_start() {
        SecretStore first = SecretStore.open(root);
        String key = first.read("internal-hmac-key");

        SecretStore second = SecretStore.open(root);

        assertEquals(key, second.read("internal-hmac-key"));
    }

    @Test
    void the_secrets_differ_from_each_other() {
        SecretStore store = SecretStore.open(root);

        Set<String> values = SecretStore.NAMES.stream().map(store::read).collect(Collectors.toSet());
        assertEquals(SecretStore.NAMES.size() - 1, values.size(), "all but the previous internal key");
        assertEquals(store.read("internal-hmac-key"), store.read(SecretStore.INTERNAL_KEY_PREVIOUS),
                "outside a rotation the previous internal key is the current one");
    }

    @Test
    void a_replaced_secret_is_replaced_in_every_folder_that_holds_it_and_only_there() throws IOException {
        SecretStore store = SecretStore.open(root);
        Path doorIo = store.grant("door-io", List.of("internal-hmac-key", "lock-board-key"));
        Path controller = store.grant("controller", List.of("internal-hmac-key", "backend-hmac-key"));
        String lockBoardKey = store.read("lock-board-key");

        store.update("internal-hmac-key", "a-new-internal-key-0123456789abcdef0123456789");

        for (Path dir : List.of(doorIo, controller, store.allDir())) {
            assertEquals("a-new-internal-key-0123456789abcdef0123456789",
                    Files.readString(dir.resolve("internal-hmac-key")).strip(), dir.toString());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("internal-hmac-key"))));
        }
        assertEquals(lockBoardKey, Files.readString(doorIo.resolve("lock-board-key")).strip());
        assertFalse(Files.exists(controller.resolve("lock-board-key")));
        assertThrows(IllegalArgumentException.class, () -> store.update("payment-api-key", "x"));
    }

    @Test
    void a_function_s_folder_holds_only_the_secrets_it_is_given() throws IOException {
        SecretStore store = SecretStore.open(root);

        Path dir = store.grant("door-io", List.of("internal-hmac-key"));

        assertEquals(Set.of("internal-hmac-key"), names(dir));
        assertEquals(store.read("internal-hmac-key"), Files.readString(dir.resolve("internal-hmac-key")).strip());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("internal-hmac-key"))));
    }

    @Test
    void a_secret_taken_away_in_stack_yaml_leaves_the_function_s_folder() throws IOException {
        SecretStore store = SecretStore.open(root);
        store.grant("controller", List.of("internal-hmac-key", "db-password", "backend-hmac-key"));

        Path dir = store.grant("controller", List.of("internal-hmac-key"));

        assertEquals(Set.of("internal-hmac-key"), names(dir));
    }

    @Test
    void a_secret_the_devstack_does_not_know_is_refused_by_name() {
        SecretStore store = SecretStore.open(root);

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> store.grant("controller", List.of("payment-api-key")));

        assertTrue(refused.getMessage().contains("payment-api-key"), refused.getMessage());
        assertFalse(Files.exists(root.resolve("controller")));
    }

    private static String sha256Hex(byte[] bytes) throws NoSuchAlgorithmException {
        return Hex.of(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}

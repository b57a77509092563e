package io.cacifo.deploy;

import io.cacifo.kit.testing.StackYaml;
import io.cacifo.kit.security.PemKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * make-secrets.sh (the workstation's step) and create-secrets.sh (the Pi's), executed: the first for
 * real, the second with a stand-in faas-cli that records its arguments, as no faasd runs here.
 */
class SecretScriptsTest {
    @TempDir
    Path dir;

    private static Set<String> stackSecrets() {
        Set<String> names = new TreeSet<>();
        StackYaml.read(Map.of()).functions().values().forEach(function -> names.addAll(StackYaml.list(function.get("secrets"), "secrets")));
        return names;
    }

    private static Set<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @ParameterizedTest(name = "key pairs from {0}")
    @ValueSource(strings = {"openssl", "backend-tool"})
    void make_secrets_writes_every_secret_stack_yaml_mounts_and_what_the_back_end_keeps(String keygen) throws Exception {
        if ("backend-tool".equals(keygen)) {
            // deploy/pom.xml depends on backend-tool, so the reactor has built it by now.
            assertTrue(Files.isRegularFile(Repo.path("backend-tool/target/backend-tool.jar")),
                    "backend-tool/target/backend-tool.jar is missing: build the reactor (mvn install), not deploy alone");
        }
        Path out = dir.resolve("locker-001");
        Processes.Result run = Processes.run(List.of("bash", "deploy/scripts/make-secrets.sh", out.toString()),
                "openssl".equals(keygen) ? Map.of("KEYGEN", "openssl") : Map.of());

        assertEquals(0, run.exitCode, run.toString());
        Path locker = out.resolve("locker");
        Path backend = out.resolve("backend");
        assertEquals(stackSecrets(), names(locker), "one file per secret stack.yaml mounts");
        assertEquals(Set.of("backend-ec-private.pem", "backend-hmac-key", "locker-rsa-public.pem"), names(backend));
        for (Path folder : List.of(locker, backend)) {
            assertEquals("rwx------", mode(folder));
            for (String name : names(folder)) {
                assertEquals("rw-------", mode(folder.resolve(name)), folder.resolve(name).toString());
            }
        }
        List<String> randomKeys = List.of("internal-hmac-key", "code-hash-key", "db-password", "backend-hmac-key", "lock-board-key");
        for (String name : randomKeys) {
            assertTrue(Files.readString(locker.resolve(name)).matches("[0-9a-f]{64}\n"), name + " is 32 random bytes in hex");
        }
        assertEquals(Files.readString(locker.resolve("backend-hmac-key")), Files.readString(backend.resolve("backend-hmac-key")));
        assertEquals(Files.readString(locker.resolve("internal-hmac-key")), Files.readString(locker.resolve("internal-hmac-key-previous")),
                "outside a rotation the previous internal key is the current one");
        assertEquals(randomKeys.size(), randomKeys.stream().map(name -> read(locker.resolve(name))).distinct().count(),
                "five different keys");

        KeyPair backendKey = PemKeys.ecKeyPair(Files.readString(backend.resolve("backend-ec-private.pem")));
        assertEquals(List.of(backendKey.getPublic()), PemKeys.ecPublicKeys(Files.readString(locker.resolve("backend-public-keys"))),
                "the locker trusts exactly the back-end's key");
        String lockerPem = Files.readString(locker.resolve("locker-private-key"));
        assertTrue(lockerPem.startsWith("-----BEGIN PRIVATE KEY-----"), "PKCS#8");
        PrivateKey lockerKey = PemKeys.rsaPrivateKey(lockerPem);
        assertEquals(3072, ((RSAPrivateCrtKey) lockerKey).getModulus().bitLength());
        assertEquals(PemKeys.rsaPublicKey(Files.readString(backend.resolve("locker-rsa-public.pem"))),
                PemKeys.rsaPublicKeyOf(lockerKey).orElseThrow(), "the back-end seals codes for this locker's key");

        for (Path folder : List.of(locker, backend)) {
            for (String name : names(folder)) {
                for (String line : Files.readAllLines(folder.resolve(name))) {
                    assertFalse(!line.startsWith("-----") && run.output.contains(line), "make-secrets printed " + name);
                }
            }
        }
    }

    @Test
    void make_secrets_never_writes_into_an_existing_folder() throws IOException {
        Path out = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(out.resolve("keep"), "mine");

        Processes.Result run = Processes.run(List.of("bash", "deploy/scripts/make-secrets.sh", out.toString()), Map.of());

        assertNotEquals(0, run.exitCode, run.toString());
        assertTrue(run.output.contains("exists; choose a new folder"), run.output);
        assertEquals(Set.of("keep"), names(out));
    }

    /** A stand-in for faas-cli: records each call's arguments; `secret create` fails for names in FAKE_EXISTING. */
    private Path fakeFaasCli() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path fake = Files.writeString(bin.resolve("faas-cli"), String.join("\n",
                "#!/usr/bin/env bash",
                "printf '%s\\n' \"$*\" >> \"$FAKE_LOG\"",
                "if [ \"$1 $2\" = 'secret create' ] && [[ \" ${FAKE_EXISTING:-} \" == *\" $3 \"* ]]; then",
                "  echo \"secret $3 already exists\" >&2; exit 1",
                "fi",
                "[ -r \"$5\" ] || { echo \"cannot read $5\" >&2; exit 1; }",
                "echo 'Created: 202 Accepted'", ""));
        fake.toFile().setExecutable(true);
        return bin;
    }

    private Path secretFiles(Set<String> names) throws IOException {
        Path secrets = Files.createDirectories(dir.resolve("cacifo-secrets"));
        for (String name : names) {
            Files.writeString(secrets.resolve(name), "value-of-" + name + "\n");
        }
        return secrets;
    }

    private Processes.Result createSecrets(Path secrets, String existing) throws IOException {
        return Processes.run(List.of("bash", "deploy/scripts/create-secrets.sh", secrets.toString()), Map.of(
                "PATH", fakeFaasCli() + ":" + System.getenv("PATH"), "FAKE_LOG", dir.resolve("faas-cli.log").toString(),
                "FAKE_EXISTING", existing));
    }

    private List<String> faasCliCalls() throws IOException {
        Path log = dir.resolve("faas-cli.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void create_secrets_creates_every_secret_stack_yaml_mounts_from_its_own_file() throws IOException {
        Path secrets = secretFiles(stackSecrets());

        Processes.Result run = createSecrets(secrets, "");

        assertEquals(0, run.exitCode, run.toString());
        List<String> expected = new ArrayList<>();
        for (String name : stackSecrets()) {
            expected.add("secret create " + name + " --from-file " + secrets.resolve(name) + " --gateway http://127.0.0.1:8080");
        }
        assertEquals(expected, faasCliCalls());
        assertFalse(run.output.contains("value-of-"), "no secret value is printed");
    }

    @Test
    void create_secrets_updates_a_secret_that_exists_already() throws IOException {
        Path secrets = secretFiles(stackSecrets());

        Processes.Result run = createSecrets(secrets, "db-password");

        assertEquals(0, run.exitCode, run.toString());
        assertTrue(faasCliCalls().contains("secret update db-password --from-file " + secrets.resolve("db-password")
                + " --gateway http://127.0.0.1:8080"), faasCliCalls().toString());
    }

    @Test
    void a_missing_secret_file_stops_create_secrets_before_it_creates_any() throws IOException {
        Set<String> most = new TreeSet<>(stackSecrets());
        most.remove("locker-private-key");
        Path secrets = secretFiles(most);

        Processes.Result run = createSecrets(secrets, "");

        assertNotEquals(0, run.exitCode, run.toString());
        assertTrue(run.output.contains(secrets.resolve("locker-private-key") + " is missing or empty"), run.output);
        assertEquals(List.of(), faasCliCalls(), "nothing half-created");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

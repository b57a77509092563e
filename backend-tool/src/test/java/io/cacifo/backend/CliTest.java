package io.cacifo.backend;

import com.google.gson.JsonObject;
import io.cacifo.kit.json.Json;
import io.cacifo.kit.security.KeyPairs;
import io.cacifo.kit.security.PemKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {
    @TempDir
    static Path keys;
    private static String keygenOutput;
    private static int keygenExit;
    private FakeLocker locker;

    /** One keygen for the class: RSA-3072 generation takes a moment, and every test uses its files. */
    @BeforeAll
    static void generateKeys() {
        Run keygen = Run.of("keygen", "--out", keys.resolve("set").toString());
        keygenExit = keygen.exit;
        keygenOutput = keygen.out;
    }

    @BeforeEach
    void startLocker() throws IOException {
        locker = new FakeLocker(PemKeys.ecPublicKey(read("backend-ec-public.pem")), PemKeys.rsaPrivateKey(read("locker-rsa-private.pem")));
    }

    @AfterEach
    void stopLocker() {
        locker.close();
    }

    private static String read(String file) {
        try {
            return Files.readString(keys.resolve("set").resolve(file));
        } catch (IOException e) {
            throw new AssertionError("keygen did not write " + file, e);
        }
    }

    private static String file(String name) {
        return keys.resolve("set").resolve(name).toString();
    }

    private String[] parcel(String externalId, String... more) {
        List<String> args = new ArrayList<>(List.of("parcel", "--gateway", locker.gateway().toString(),
                "--backend-key", file("backend-ec-private.pem"), "--locker-key", file("locker-rsa-public.pem"),
                "--external-id", externalId, "--door", "4"));
        args.addAll(Arrays.asList(more));
        return args.toArray(new String[0]);
    }

    @Test
    void keygen_writes_four_loadable_keys_with_private_files_for_the_owner_only() throws IOException {
        assertEquals(0, keygenExit, keygenOutput);
        KeyPair backend = PemKeys.ecKeyPair(read("backend-ec-private.pem"));
        PublicKey backendPublic = PemKeys.ecPublicKey(read("backend-ec-public.pem"));
        PrivateKey lockerPrivate = PemKeys.rsaPrivateKey(read("locker-rsa-private.pem"));
        PublicKey lockerPublic = PemKeys.rsaPublicKey(read("locker-rsa-public.pem"));

        assertArrayEquals(backendPublic.getEncoded(), backend.getPublic().getEncoded());
        assertArrayEquals(lockerPublic.getEncoded(), PemKeys.rsaPublicKeyOf(lockerPrivate).orElseThrow().getEncoded());
        assertEquals(3072, ((RSAKey) lockerPublic).getModulus().bitLength());
        for (String name : List.of("backend-ec-private.pem", "locker-rsa-private.pem")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(file(name)))), name);
        }
    }

    @Test
    void keygen_prints_paths_and_key_ids_but_no_key() {
        assertTrue(keygenOutput.contains(PemKeys.keyId(PemKeys.ecPublicKey(read("backend-ec-public.pem")))), keygenOutput);
        assertTrue(keygenOutput.contains(PemKeys.keyId(PemKeys.rsaPublicKey(read("locker-rsa-public.pem")))), keygenOutput);
        assertTrue(keygenOutput.contains(file("locker-rsa-private.pem")), keygenOutput);
        assertFalse(keygenOutput.contains("-----BEGIN"), keygenOutput);
        for (String name : List.of("backend-ec-private.pem", "locker-rsa-private.pem")) {
            String secondLine = read(name).lines().skip(1).findFirst().orElseThrow();
            assertFalse(keygenOutput.contains(secondLine), name + " leaked into the output");
        }
    }

    @Test
    void keygen_never_overwrites_existing_keys() {
        String before = read("locker-rsa-private.pem");

        Run again = Run.of("keygen", "--out", keys.resolve("set").toString());

        assertEquals(1, again.exit);
        assertTrue(again.err.contains("exists; keygen never overwrites a key"), again.err);
        assertEquals(before, read("locker-rsa-private.pem"));
    }

    @Test
    void a_parcel_accepted_by_the_locker_prints_the_reply_and_the_codes_it_can_read() {
        Run run = Run.of(parcel("P-200", "--user", "7", "--expires-at", "2026-12-01T18:00:00Z"));

        assertEquals(0, run.exit, run.err);
        assertTrue(run.out.startsWith("HTTP 201\n{"), run.out);
        JsonObject stored = locker.codesOf("P-200");
        assertEquals(stored.get("deposit_code").getAsString(), printed(run.out, "deposit_code"));
        assertEquals(stored.get("pickup_code").getAsString(), printed(run.out, "pickup_code"));
        assertEquals(stored.get("backup_code").getAsString(), printed(run.out, "backup_code"));
        assertTrue(printed(run.out, "deposit_code").matches("[0-9]{10}"), run.out);
    }

    @Test
    void a_parcel_with_json_output_prints_one_line_with_status_reply_and_codes() {
        Run run = Run.of(parcel("P-201", "--json", "--code-length", "12"));

        assertEquals(0, run.exit, run.err);
        JsonObject result = Json.parse(run.out).getAsJsonObject();
        assertEquals(201, result.get("status").getAsInt());
        assertEquals("P-201", result.getAsJsonObject("reply").get("external_id").getAsString());
        assertEquals(locker.codesOf("P-201"), result.getAsJsonObject("codes"));
        assertEquals(12, result.getAsJsonObject("codes").get("pickup_code").getAsString().length());
    }

    @Test
    void a_parcel_the_locker_refuses_exits_1_and_shows_no_codes() {
        assertEquals(0, Run.of(parcel("P-202")).exit);
        JsonObject kept = locker.codesOf("P-202");

        Run again = Run.of(parcel("P-202"));

        assertEquals(1, again.exit);
        assertTrue(again.out.startsWith("HTTP 409\n"), again.out);
        assertFalse(again.out.contains("_code"), again.out);
        assertTrue(again.err.contains("the locker refused the parcel: 409 duplicate"), again.err);
        assertEquals(kept, locker.codesOf("P-202"));
    }

    @Test
    void a_signed_call_prints_status_and_body_and_exits_0_on_2xx() {
        Run run = Run.of("call", "--gateway", locker.gateway().toString(), "--backend-key", file("backend-ec-private.pem"),
                "--function", "door-manager", "--action", "occupancy");

        assertEquals(0, run.exit, run.err);
        assertTrue(run.out.startsWith("HTTP 200\n"), run.out);
        assertEquals("{}", Json.parse(run.out.substring("HTTP 200\n".length())).getAsJsonObject().get("body").getAsString());
    }

    @Test
    void a_call_refused_by_the_locker_exits_1() throws IOException {
        KeyPair other = KeyPairs.ecP256();
        Path stranger = Files.writeString(keys.resolve("stranger.pem"),
                PemKeys.privatePem(other.getPrivate()) + PemKeys.publicPem(other.getPublic()));

        Run run = Run.of("call", "--gateway", locker.gateway().toString(), "--backend-key", stranger.toString(),
                "--function", "door-manager", "--action", "delete", "--body", "{\"id\":4}");

        assertEquals(1, run.exit);
        assertTrue(run.out.startsWith("HTTP 401\n"), run.out);
    }

    @Test
    void an_unreachable_gateway_exits_1_with_a_message() {
        String gateway = locker.gateway().toString();
        locker.close();

        Run run = Run.of("call", "--gateway", gateway, "--backend-key", file("backend-ec-private.pem"),
                "--function", "door-manager", "--action", "list");

        assertEquals(1, run.exit);
        assertTrue(run.err.contains("did not answer"), run.err);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a missing key file         | --backend-key | /nonexistent/backend.pem | no such file",
            "the public file as the key | --backend-key | backend-ec-public.pem    | expected a PEM 'PRIVATE KEY' block but found [PUBLIC KEY]",
            "the private RSA file       | --locker-key  | locker-rsa-private.pem   | expected a PEM 'PUBLIC KEY' block but found [PRIVATE KEY]",
            "the EC key as locker key   | --locker-key  | backend-ec-public.pem    | the 'PUBLIC KEY' block is not an RSA public key",
    })
    void an_unusable_key_file_exits_1_naming_the_option_and_never_the_key(String what, String option, String path, String message) {
        String resolved = path.startsWith("/") ? path : file(path);
        String[] args = parcel("P-203");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(option)) {
                args[i + 1] = resolved;
            }
        }

        Run run = Run.of(args);

        assertEquals(1, run.exit, what);
        assertTrue(run.err.contains(option + " " + resolved + ": " + message), what + ": " + run.err);
        if (Files.exists(Path.of(resolved))) {
            String keyLine = read(Path.of(resolved).getFileName().toString()).lines().skip(1).findFirst().orElseThrow();
            assertFalse(run.err.contains(keyLine.substring(0, 16)), what + ": the message quotes key material");
        }
        assertEquals(0, locker.receivedBodies().size(), what);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no command                 | ''",
            "an unknown command         | launch",
            "keygen without --out       | keygen",
            "an unknown option          | keygen --out /tmp/x --force",
            "an option without a value  | keygen --out",
            "a stray argument           | keygen /tmp/x",
            "parcel without --door      | parcel --gateway GW --backend-key BK --locker-key LK --external-id P-300",
            "a door that is not a number| parcel --gateway GW --backend-key BK --locker-key LK --external-id P-300 --door four",
            "a door out of range        | parcel --gateway GW --backend-key BK --locker-key LK --external-id P-300 --door 0",
            "codes too short            | parcel --gateway GW --backend-key BK --locker-key LK --external-id P-300 --door 4 --code-length 6",
            "an expiry that is not ISO  | parcel --gateway GW --backend-key BK --locker-key LK --external-id P-300 --door 4 --expires-at tomorrow",
            "a bad external id          | parcel --gateway GW --backend-key BK --locker-key LK --external-id P/300 --door 4",
            "a repeated option          | parcel --gateway GW --backend-key BK --locker-key LK --external-id P-300 --door 4 --door 5",
            "a gateway that is no URL   | parcel --gateway localhost:8080 --backend-key BK --locker-key LK --external-id P-300 --door 4",
            "call without --function    | call --gateway GW --backend-key BK --action list",
            "a function that is no name | call --gateway GW --backend-key BK --function ../x --action list",
    })
    void a_wrong_command_line_exits_2_with_the_usage_and_sends_nothing(String what, String line) {
        String[] args = line.isEmpty() ? new String[0] : line.replace("GW", locker.gateway().toString())
                .replace("BK", file("backend-ec-private.pem")).replace("LK", file("locker-rsa-public.pem")).split(" ");

        Run run = Run.of(args);

        assertEquals(2, run.exit, what + ": " + run.err);
        assertTrue(run.err.contains("usage: "), what);
        assertEquals("", run.out, what);
        assertEquals(0, locker.receivedBodies().size(), what);
    }

    @Test
    void help_prints_the_usage_and_exits_0() {
        Run run = Run.of("--help");

        assertEquals(0, run.exit);
        assertTrue(run.out.contains("keygen --out DIR"), run.out);
    }

    private static String printed(String out, String name) {
        Matcher line = Pattern.compile("(?m)^" + name + " +([0-9]+)$").matcher(out);
        assertTrue(line.find(), name + " not printed in: " + out);
        return line.group(1);
    }

    /** One run of the CLI in-process, with what it printed. */
    private static final class Run {
        final int exit;
        final String out;
        final String err;

        private Run(int exit, String out, String err) {
            this.exit = exit;
            this.out = out;
            this.err = err;
        }

        static Run of(String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}

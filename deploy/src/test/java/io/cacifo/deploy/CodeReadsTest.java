package io.cacifo.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The source analysis behind StackMatchesCodeTest, on small made-up sources. */
class CodeReadsTest {
    private static final String SERVICES = String.join("\n",
            "package k;",
            "/** Secrets: db-password (in a comment: not a read). */",
            "public final class Services {",
            "    private static final String HASH_KEY = \"code-hash-key\";",
            "    public static Services fromEnvironment() {",
            "        Config config = Config.environment();",
            "        return new Services(config, Secrets.from(config));",
            "    }",
            "    public Services(Config config, Secrets secrets) {",
            "        this.config = config;",
            "    }",
            "    public synchronized Db db() {",
            "        return Db.connect(config, secrets);",
            "    }",
            "    private synchronized Key internalKey() {",
            "        return new Key(secrets.require(\"internal-hmac-key\"));",
            "    }",
            "    @Override",
            "    public Verifier verifier() {",
            "        secrets.find(\"internal-hmac-key-previous\");",
            "        return new Verifier(internalKey(), config.getInt(\"signature_max_skew_seconds\"));",
            "    }",
            "    public Hasher codeHasher() {",
            "        // services.db() in a comment is not a call",
            "        String message = \"call lockerKey() first\";",
            "        return new Hasher(secrets.require(HASH_KEY));",
            "    }",
            "}");
    private static final String SECRETS = String.join("\n",
            "package k;",
            "public final class Secrets {",
            "    public static Secrets from(Config config) {",
            "        return new Secrets(config.get(\"secrets_dir\"));",
            "    }",
            "}");
    private static final String DB = String.join("\n",
            "package k;",
            "public final class Db {",
            "    public static Db connect(Config config, Secrets secrets) {",
            "        pool.setJdbcUrl(config.get(\"db_host\") + config.getInt(\"db_port\"));",
            "        pool.setPassword(secrets.require(\"db-password\"));",
            "        return new Db(pool);",
            "    }",
            "}");
    private static final String DEFAULTS = String.join("\n",
            "package k;",
            "public final class Defaults {",
            "    public static final Map<String, String> VALUES = Map.ofEntries(Map.entry(\"gateway_timeout_ms\", \"5000\"));",
            "}");
    private static final String ENTRYPOINT = String.join("\n",
            "package e;",
            "final class Settings {",
            "    static Settings from(Map<String, String> env) {",
            "        return new Settings(number(env, \"handler_threads\", 16));",
            "    }",
            "}");

    private static CodeReads reads(String functionSource) {
        return CodeReads.of(Map.of("kit/Services.java", SERVICES, "kit/Secrets.java", SECRETS, "kit/Db.java", DB,
                        "kit/Defaults.java", DEFAULTS),
                Map.of("entrypoint/Settings.java", ENTRYPOINT),
                Map.of("fn", Map.of("fn/Handler.java", functionSource)));
    }

    private static String handler(String body) {
        return String.join("\n",
                "package f;",
                "public class Handler {",
                "    private static final String BOARD = \"lock_board_url\";",
                "    public Handler() {",
                "        Services services = Services.fromEnvironment();",
                "        " + body,
                "    }",
                "}");
    }

    @ParameterizedTest(name = "{0} -> secrets [{1}], settings [{2}]")
    @CsvSource(delimiter = '|', value = {
        // what the function calls               | secrets it requires           | settings it reads besides secrets_dir, handler_threads
        "services.verifier();                    | internal-hmac-key             | signature_max_skew_seconds",
        "services.db();                          | db-password                   | db_host db_port",
        "services.codeHasher();                  | code-hash-key                 | ",
        "services.db(); services.codeHasher();   | code-hash-key db-password     | db_host db_port",
        "connection.connect();                   |                               | ",
        "services.config().find(BOARD);          |                               | lock_board_url",
        "millis(services.config(), 5);           |                               | ",
    })
    void a_function_reads_what_it_calls_and_nothing_else(String body, String secrets, String settings) {
        CodeReads.Reads reads = reads(handler(body)).function("fn");

        assertEquals(words(secrets), reads.requiredSecrets, body);
        Set<String> expectedSettings = new java.util.TreeSet<>(words(settings));
        expectedSettings.addAll(Set.of("secrets_dir", "handler_threads"));
        assertEquals(expectedSettings, reads.settings, body);
    }

    @Test
    void an_optional_secret_is_read_but_not_required() {
        CodeReads.Reads reads = reads(handler("services.verifier();")).function("fn");

        assertEquals(Set.of("internal-hmac-key-previous"), reads.optionalSecrets);
        assertEquals(Set.of("internal-hmac-key", "internal-hmac-key-previous"), reads.secrets());
    }

    @Test
    void a_static_method_is_not_reached_through_an_instance_call_of_the_same_name() {
        CodeReads.Reads reads = reads(handler("socket.connect(address);")).function("fn");

        assertFalse(reads.requiredSecrets.contains("db-password"), reads.kitMethods.toString());
        assertFalse(reads.kitMethods.contains("Db.connect"), reads.kitMethods.toString());
    }

    @Test
    void a_function_s_own_secret_reads_and_settings_helpers_count() {
        CodeReads.Reads reads = reads(handler(
                "signer = new Signer(secrets.require(\"backend-hmac-key\")); timeout = millis(config, \"backend_timeout_ms\", 10);"))
                .function("fn");

        assertTrue(reads.requiredSecrets.contains("backend-hmac-key"), reads.requiredSecrets.toString());
        assertTrue(reads.settings.contains("backend_timeout_ms"), reads.settings.toString());
    }

    @Test
    void known_settings_include_the_kit_defaults_and_the_entrypoint_but_not_a_typo() {
        CodeReads code = reads(handler("services.db();"));

        assertTrue(code.knownSettings().containsAll(Set.of("gateway_timeout_ms", "handler_threads", "db_host")),
                code.knownSettings().toString());
        assertFalse(code.knownSettings().contains("db_hots"));
        assertEquals(Set.of("gateway_timeout_ms"), code.kitDefaults());
    }

    @Test
    void the_real_kit_is_understood() {
        CodeReads code = CodeReads.scan(Repo.ROOT);
        CodeReads.Reads doorIo = code.function("door-io");

        assertTrue(code.functionNames().containsAll(Set.of("user-manager", "door-io", "controller")), code.functionNames().toString());
        assertTrue(code.kitDefaults().containsAll(Set.of("db_host", "gateway_url", "secrets_dir")), code.kitDefaults().toString());
        assertTrue(code.entrypointSettings().containsAll(Set.of("upstream_port", "handler_threads", "max_body_bytes")),
                code.entrypointSettings().toString());
        assertFalse(doorIo.requiredSecrets.contains("db-password"), "door-io opens no DB pool: " + doorIo.kitMethods);
        assertTrue(code.function("reservation-manager").requiredSecrets.containsAll(Set.of("db-password", "code-hash-key")));
    }

    private static Set<String> words(String text) {
        String trimmed = text == null ? "" : text.trim();
        return trimmed.isEmpty() ? Set.of() : Set.of(trimmed.split("\\s+"));
    }
}

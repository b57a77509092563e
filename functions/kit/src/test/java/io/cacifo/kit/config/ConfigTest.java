package io.cacifo.kit.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigTest {
    private static final Setting WAIT = Setting.of("wait_ms", "2500");
    private static final Setting BOARD = Setting.of("board_url", "http://127.0.0.1:8070");

    private static IllegalStateException refused(org.junit.jupiter.api.function.Executable read) {
        return assertThrows(IllegalStateException.class, read);
    }

    @Test
    void a_set_value_wins_over_the_default_and_blank_counts_as_unset() {
        Config config = Config.of(Map.of("db_host", "mariadb", "db_port", " "));

        assertEquals("mariadb", config.get(KitSettings.DB_HOST));
        assertEquals(3306, config.getInt(KitSettings.DB_PORT, 1));
    }

    @Test
    void a_setting_without_value_or_default_fails_with_its_name() {
        IllegalStateException failure = refused(() -> Config.of(Map.of()).get(KitSettings.FUNCTION_NAME));

        assertTrue(failure.getMessage().contains("function_name"));
    }

    @Test
    void a_number_that_is_not_a_number_fails_instead_of_falling_back() {
        IllegalStateException failure = refused(() -> Config.of(Map.of("db_pool_size", "four")).getInt(KitSettings.DB_POOL_SIZE, 1));

        assertTrue(failure.getMessage().contains("'db_pool_size' must be a whole number, got 'four'"), failure.getMessage());
    }

    @Test
    void a_number_below_its_least_value_fails_with_the_settings_name() {
        IllegalStateException failure = refused(() -> Config.of(Map.of("db_pool_size", "0")).getInt(KitSettings.DB_POOL_SIZE, 1));

        assertTrue(failure.getMessage().contains("'db_pool_size' must be at least 1, got 0"), failure.getMessage());
        assertEquals(1, Config.of(Map.of("db_pool_size", "1")).getInt(KitSettings.DB_POOL_SIZE, 1));
        assertEquals(4, Config.of(Map.of()).getInt(KitSettings.DB_POOL_SIZE, 1), "the default pool holds four connections");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"0", "65536", "-1"})
    void a_number_outside_its_range_fails_saying_the_range(String port) {
        IllegalStateException failure = refused(() -> Config.of(Map.of("db_port", port)).getInt(KitSettings.DB_PORT, 1, 65535));

        assertTrue(failure.getMessage().contains("'db_port' must be from 1 to 65535, got " + port), failure.getMessage());
    }

    @Test
    void milliseconds_are_read_as_a_duration_with_the_default_when_unset_or_blank() {
        assertEquals(Duration.ofMillis(2500), Config.of(Map.of()).millis(WAIT, 1));
        assertEquals(Duration.ofMillis(2500), Config.of(Map.of("wait_ms", "  ")).millis(WAIT, 1));
        assertEquals(Duration.ofMillis(30_500), Config.of(Map.of("wait_ms", " 30500 ")).millis(WAIT, 1));
        assertEquals(Duration.ZERO, Config.of(Map.of("wait_ms", "0")).millis(WAIT, 0), "0 where 0 is allowed");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"45s", "abc", "1.5", "99999999999999999999"})
    void milliseconds_that_are_not_a_whole_number_fail_naming_the_setting(String value) {
        IllegalStateException failure = refused(() -> Config.of(Map.of("wait_ms", value)).millis(WAIT, 1));

        assertTrue(failure.getMessage().contains("'wait_ms' must be a whole number of milliseconds, got '" + value + "'"),
                failure.getMessage());
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"0", "-5"})
    void milliseconds_below_the_minimum_fail_naming_the_setting(String value) {
        IllegalStateException failure = refused(() -> Config.of(Map.of("wait_ms", value)).millis(WAIT, 1));

        assertTrue(failure.getMessage().contains("'wait_ms' must be at least 1, got " + value), failure.getMessage());
    }

    @Test
    void a_url_is_read_with_its_default_when_unset() {
        assertEquals(URI.create("http://127.0.0.1:8070"), Config.of(Map.of()).url(BOARD));
        assertEquals(URI.create("https://board.lan/api"), Config.of(Map.of("board_url", " https://board.lan/api ")).url(BOARD));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"ftp://board.lan", "board.lan:8070", "http:///path", "http:board", "mailto:x@y.z"})
    void a_url_must_be_http_or_https_with_a_host(String value) {
        IllegalStateException failure = refused(() -> Config.of(Map.of("board_url", value)).url(BOARD));

        assertTrue(failure.getMessage().contains("'board_url' must be an http(s) URL with a host"), failure.getMessage());
    }

    @Test
    void text_that_is_not_a_url_fails_naming_the_setting() {
        IllegalStateException failure = refused(() -> Config.of(Map.of("board_url", "http://a b")).url(BOARD));

        assertTrue(failure.getMessage().contains("'board_url' is not a URL"), failure.getMessage());
    }

    @Test
    void a_config_limited_to_a_declaration_refuses_any_other_setting() {
        Config limited = Config.of(Map.of("db_host", "mariadb", "db_user", "root")).limitedTo(List.of(KitSettings.DB_HOST));

        assertEquals("mariadb", limited.get(KitSettings.DB_HOST));
        IllegalStateException failure = refused(() -> limited.get(KitSettings.DB_USER));
        assertTrue(failure.getMessage().contains("'db_user' is read but not declared"), failure.getMessage());
    }

    @Test
    void secrets_limited_to_a_declaration_refuse_any_other_secret(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("db-password"), "s3cret\n");
        Files.writeString(dir.resolve("code-hash-key"), "k\n");
        Secrets limited = new Secrets(dir).limitedTo(List.of(KitSecrets.DB_PASSWORD));

        assertEquals("s3cret", limited.require(KitSecrets.DB_PASSWORD));
        IllegalStateException failure = refused(() -> limited.find(KitSecrets.CODE_HASH_KEY));
        assertTrue(failure.getMessage().contains("'code-hash-key' is read but not declared"), failure.getMessage());
        assertFalse(failure.getMessage().contains("k\n"));
    }

    @Test
    void a_secret_is_read_from_its_file_without_the_trailing_newline(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("db-password"), "s3cret\n");

        assertEquals("s3cret", new Secrets(dir).require("db-password"));
    }

    @Test
    void a_missing_secret_names_the_file_but_never_a_value(@TempDir Path dir) {
        IllegalStateException failure = refused(() -> new Secrets(dir).require("code-hash-key"));

        assertTrue(failure.getMessage().contains(dir.resolve("code-hash-key").toString()), failure.getMessage());
        assertFalse(new Secrets(dir).find("code-hash-key").isPresent());
    }

    @Test
    void a_secret_name_cannot_climb_out_of_the_directory(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> new Secrets(dir).find("../etc/passwd"));
    }
}

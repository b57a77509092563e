package io.cacifo.kit.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigTest {
    @Test
    void a_set_value_wins_over_the_default_and_blank_counts_as_unset() {
        Config config = Config.of(Map.of("db_host", "mariadb", "db_port", " "));

        assertEquals("mariadb", config.get("db_host"));
        assertEquals(3306, config.getInt("db_port"));
    }

    @Test
    void a_setting_without_value_or_default_fails_with_its_name() {
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> Config.of(Map.of()).get("function_name"));

        assertTrue(failure.getMessage().contains("function_name"));
    }

    @Test
    void a_number_that_is_not_a_number_fails_instead_of_falling_back() {
        assertThrows(IllegalStateException.class, () -> Config.of(Map.of("db_pool_size", "four")).getInt("db_pool_size"));
    }

    @Test
    void a_number_below_its_least_value_fails_with_the_settings_name() {
        Config config = Config.of(Map.of("code_grace_seconds", "-1"));

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> config.getInt("code_grace_seconds", 0));

        assertTrue(failure.getMessage().contains("code_grace_seconds"), failure.getMessage());
        assertEquals(0, Config.of(Map.of("code_grace_seconds", "0")).getInt("code_grace_seconds", 0));
        assertEquals(600, Config.of(Map.of()).getInt("code_grace_seconds", 0), "the default grace is ten minutes");
    }

    @Test
    void a_secret_is_read_from_its_file_without_the_trailing_newline(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("db-password"), "s3cret\n");

        assertEquals("s3cret", new Secrets(dir).require("db-password"));
    }

    @Test
    void a_missing_secret_names_the_file_but_never_a_value(@TempDir Path dir) {
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> new Secrets(dir).require("code-hash-key"));

        assertTrue(failure.getMessage().contains(dir.resolve("code-hash-key").toString()), failure.getMessage());
        assertFalse(new Secrets(dir).find("code-hash-key").isPresent());
    }

    @Test
    void a_secret_name_cannot_climb_out_of_the_directory(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> new Secrets(dir).find("../etc/passwd"));
    }
}

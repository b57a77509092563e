package io.cacifo.simulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator has no open mode: without a usable lock-board-key it does not start at all. */
class StartTest {
    @TempDir
    Path secrets;

    @Test
    void without_lock_board_key_the_simulator_refuses_to_start_and_names_the_secret() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> RunningSimulator.create(secrets, Map.of()));

        assertTrue(refused.getMessage().contains("'lock-board-key'"), refused.getMessage());
        assertTrue(refused.getMessage().contains(secrets.resolve("lock-board-key").toString()), refused.getMessage());
    }

    @Test
    void a_lock_board_key_shorter_than_32_bytes_refuses_the_start_without_showing_it() throws IOException {
        Files.writeString(secrets.resolve("lock-board-key"), "short-key\n");

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> RunningSimulator.create(secrets, Map.of()));

        assertTrue(refused.getMessage().contains("'lock-board-key'"), refused.getMessage());
        assertFalse(refused.getMessage().contains("short-key"), "the message shows the key: " + refused.getMessage());
    }
}

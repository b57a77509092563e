package io.cacifo.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RoundsTest {
    private static final JvmConfig TUNED = new JvmConfig("tuned", "-Xmx16m", "tuned");
    private static final JvmConfig DEFAULTS = new JvmConfig("defaults", "-XX:MaxRAM=1g", "defaults");
    private static final JvmConfig MONOLITH = new JvmConfig("monolith", "-Xmx64m", "one JVM", JvmConfig.Kind.MONOLITH);
    private static final JvmConfig ARM64 = new JvmConfig("arm64", "-Xmx16m", "emulated", JvmConfig.Kind.EMULATED_ARM64);

    private static List<String> order(List<JvmConfig> configs, int rounds) {
        return Rounds.order(configs, rounds).stream().map(Rounds.Slot::toString).collect(Collectors.toList());
    }

    @Test
    void the_second_round_runs_the_configurations_in_reverse_order() {
        assertEquals(List.of("tuned 1", "defaults 1", "monolith 1", "monolith 2", "defaults 2", "tuned 2"),
                order(List.of(TUNED, DEFAULTS, MONOLITH), 2));
    }

    @Test
    void a_third_round_runs_them_in_the_first_order_again() {
        assertEquals(List.of("tuned 1", "defaults 1", "defaults 2", "tuned 2", "tuned 3", "defaults 3"),
                order(List.of(TUNED, DEFAULTS), 3));
    }

    @Test
    void an_emulated_configuration_runs_in_the_first_round_only() {
        assertEquals(List.of("tuned 1", "arm64 1", "defaults 1", "defaults 2", "tuned 2"),
                order(List.of(TUNED, ARM64, DEFAULTS), 2));
    }

    @Test
    void no_rounds_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> Rounds.order(List.of(TUNED), 0));
    }

    @Test
    void each_round_has_a_folder_of_its_own_under_its_configuration() {
        Path folder = Rounds.folder(Path.of("results"), "tuned", 2);

        assertEquals(Path.of("results", "tuned", "round-2"), folder);
        assertEquals(2, Rounds.number(folder));
        assertEquals(-1, Rounds.number(Path.of("results", "tuned", "logs")));
    }
}

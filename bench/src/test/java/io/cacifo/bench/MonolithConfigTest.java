package io.cacifo.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The monolith's configuration: the tuned flags with one heap for the seven handlers. */
class MonolithConfigTest {
    @Test
    void the_tuned_flags_are_kept_and_only_the_heap_is_the_monoliths() {
        JvmConfig monolith = JvmConfig.monolith("-XX:+UseSerialGC -Xms8m -Xmx16m -Xss512k -XX:TieredStopAtLevel=1");

        assertEquals("-XX:+UseSerialGC -Xss512k -XX:TieredStopAtLevel=1 " + JvmConfig.MONOLITH_HEAP, monolith.flags());
        assertEquals(JvmConfig.Kind.MONOLITH, monolith.kind());
    }

    @Test
    void monolith_is_one_of_the_standard_configurations_and_can_be_chosen_by_name() {
        List<JvmConfig> chosen = JvmConfig.select(Path.of("..").toAbsolutePath().normalize(), "tuned,monolith");

        assertEquals(List.of("tuned", "monolith"), List.of(chosen.get(0).name(), chosen.get(1).name()));
        assertEquals(JvmConfig.Kind.FUNCTIONS, chosen.get(0).kind());
        assertEquals(JvmConfig.Kind.MONOLITH, chosen.get(1).kind());
    }
}

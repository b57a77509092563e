package io.cacifo.kit.testing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrerequisiteTest {
    @Test
    void ci_counts_as_set_for_any_value_but_empty_false_or_zero() {
        assertTrue(Prerequisite.underCi("true"));
        assertTrue(Prerequisite.underCi("1"));
        assertFalse(Prerequisite.underCi(null));
        assertFalse(Prerequisite.underCi(""));
        assertFalse(Prerequisite.underCi("false"));
        assertFalse(Prerequisite.underCi("0"));
    }

    @Test
    void a_met_prerequisite_neither_skips_nor_fails() {
        Prerequisite.require(true, "never shown");
    }
}

package io.cacifo.bench;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TargetsTest {
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "4.2; 5; ms; met",
            "5; 5; ms; met",
            "8.31; 5; ms; missed by 3.31 ms (66 %)",
            "7; 5; ms; missed by 2 ms (40 %)",
            "1.73; 1.5; ×; missed by 0.23 × (15 %)",
            "403.2; 300; MB; missed by 103 MB (34 %)"})
    void a_value_above_its_limit_says_by_how_much(double value, double limit, String unit, String expected) {
        assertEquals(expected, Targets.atMost(value, limit, unit));
    }
}

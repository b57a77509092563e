package io.cacifo.kit.testing;

import org.junit.jupiter.api.Assumptions;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A tool or right a test needs from the machine. On a developer's machine a missing one skips the
 * test; under CI (the {@code CI} variable set, as {@code .ci/run} is started) it fails it, because
 * CI installs every tool (scripts/ensure-tools.sh) and a silent skip there would hide a check.
 */
public final class Prerequisite {
    private Prerequisite() {
    }

    public static void require(boolean met, String missing) {
        if (met) {
            return;
        }
        if (underCi(System.getenv("CI"))) {
            fail(missing + " (CI is set, so this is a failure, not a skip)");
        }
        Assumptions.assumeTrue(false, missing);
    }

    static boolean underCi(String ci) {
        return ci != null && !ci.isBlank() && !"false".equalsIgnoreCase(ci.trim()) && !"0".equals(ci.trim());
    }
}

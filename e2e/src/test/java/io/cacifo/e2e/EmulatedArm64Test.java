package io.cacifo.e2e;

import io.cacifo.devstack.DevStack;
import io.cacifo.devstack.DevStackSettings;
import io.cacifo.devstack.Main;
import io.cacifo.kit.http.GatewayReply;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The locker's functions on Debian's arm64 JDK under QEMU user-mode emulation (docs/DEV.md,
 * "Functions on another JVM"): the devstack boots with every function emulated and a signed call
 * through the gateway is answered. Slow (all seven JVMs start under emulation on two cores), so it
 * is tagged {@code emulated} and left out of bin/test; run it with
 * {@code mvn -B -o verify -pl e2e -Dtest=EmulatedArm64Test -DexcludedGroups=}. Without QEMU or the
 * arm64 JDK it is skipped, except where CI is set: there a missing tool fails it.
 */
@Tag("emulated")
class EmulatedArm64Test {
    private static final String QEMU = "qemu-aarch64-static";
    private static final String ARM64_JAVA = "/usr/lib/jvm/java-17-openjdk-arm64/bin/java";

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void a_signed_call_is_answered_by_a_function_running_on_the_arm64_jvm_under_qemu() {
        requireTools();
        Path root = Main.repoRoot(Path.of("").toAbsolutePath());
        // No Prometheus: its scrapes of seven emulated functions pile up; of-watchdog's timeouts long
        // enough for emulated first calls (docs/performance.md, "ARM64 under emulation").
        DevStackSettings settings = DevStackSettings.forTests(root).withFunctionJava(List.of(QEMU, ARM64_JAVA))
                .withFunctionStartTimeout(Duration.ofMinutes(4)).withEnvironment(Map.of("DEVSTACK_PROMETHEUS", "off"))
                .withFunctionSettings(Map.of("exec_timeout", "120s", "read_timeout", "120s", "write_timeout", "120s"));
        try (DevStack stack = DevStack.start(settings)) {
            assertEquals(List.of(), stack.skippedFunctions(), "every function must be built and running");
            ProcessHandle function = stack.functionProcess("door-manager").orElseThrow();
            assertTrue(function.info().command().orElse("").endsWith(QEMU),
                    "door-manager runs under " + QEMU + ", got " + function.info().commandLine().orElse("?"));

            GatewayReply reply = stack.gatewayClient().call("door-manager", "occupancy", Map.of());

            assertEquals(200, reply.status(), reply.body());
            assertTrue(reply.body().contains("\"total\""), reply.body());
        }
    }

    /** Skipped on a machine without the tools; in CI (CI set) a missing tool is a failure, never a silent skip. */
    private static void requireTools() {
        boolean qemu = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isEmpty()).anyMatch(dir -> Files.isExecutable(Path.of(dir, QEMU)));
        boolean java = Files.isExecutable(Path.of(ARM64_JAVA));
        String missing = (qemu ? "" : QEMU + " ") + (java ? "" : ARM64_JAVA);
        if (!missing.isEmpty() && System.getenv("CI") != null) {
            fail("missing " + missing.trim() + ": run scripts/ensure-arm64.sh as root");
        }
        assumeTrue(missing.isEmpty(), "missing " + missing.trim() + " (scripts/ensure-arm64.sh installs them)");
    }
}

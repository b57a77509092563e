package io.cacifo.devstack;

import io.cacifo.devstack.process.FunctionMode;
import io.cacifo.devstack.process.KitArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DevStackSettingsTest {
    private static final Path REPO = Path.of("/repo");

    @Test
    void by_default_the_devstack_behaves_like_faasd_and_wakes_the_functions_every_minute() {
        DevStackSettings settings = DevStackSettings.fromEnvironment(REPO, Map.of());

        assertEquals(FunctionMode.FAASD, settings.functionMode());
        assertEquals(Duration.ofMinutes(1), settings.wakeInterval());
        assertTrue(settings.demoScenes(), "bin/demo shows an expired parcel and a jammed door");
    }

    @Test
    void the_demo_scenes_are_left_out_when_asked_and_tests_get_them_only_when_they_ask() {
        assertFalse(DevStackSettings.fromEnvironment(REPO, Map.of("DEVSTACK_DEMO_SCENES", "0")).demoScenes());
        DevStackSettings tests = DevStackSettings.forTests(REPO);
        assertFalse(tests.demoScenes(), "a jammed door at start would break tests that use every spare door");
        assertTrue(tests.withDemoScenes(true).demoScenes());
    }

    @ParameterizedTest(name = "DEVSTACK_FUNCTIONS={0}, DEVSTACK_WAKE_INTERVAL_MS={1}")
    @CsvSource({"eager, 5000, EAGER, 5000", "monolith, 5000, MONOLITH, 5000", "FAASD, 250, FAASD, 250", "' faasd ', '', FAASD, 60000"})
    void the_function_mode_and_wake_interval_come_from_the_environment(String mode, String interval,
                                                                       FunctionMode expectedMode, long expectedMs) {
        DevStackSettings settings = DevStackSettings.fromEnvironment(REPO,
                Map.of("DEVSTACK_FUNCTIONS", mode, "DEVSTACK_WAKE_INTERVAL_MS", interval));

        assertEquals(expectedMode, settings.functionMode());
        assertEquals(Duration.ofMillis(expectedMs), settings.wakeInterval());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"DEVSTACK_FUNCTIONS, lazy", "DEVSTACK_WAKE_INTERVAL_MS, 0", "DEVSTACK_WAKE_INTERVAL_MS, soon",
            "DEVSTACK_DEMO_SCENES, yes", "DEVSTACK_START_TIMEOUT_S, 0", "DEVSTACK_START_TIMEOUT_S, long"})
    void a_bad_value_is_refused_naming_its_variable(String key, String value) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> DevStackSettings.fromEnvironment(REPO, Map.of(key, value)));

        assertTrue(refused.getMessage().contains(key), refused.getMessage());
    }

    @Test
    void the_tuned_flags_are_ones_the_devstack_s_java_accepts() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // The kit archive's marker is the devstack's to replace (KitArchiveTest maps a real archive).
        command.addAll(KitArchive.withoutFlag(Arrays.asList(DevStackSettings.DEFAULT_JVM_FLAGS.split("\\s+"))));
        command.add("-version");
        Path log = Files.createTempFile("jvm-flags", ".log");
        try {
            Process java = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertTrue(java.waitFor(60, TimeUnit.SECONDS), "java -version took over 60 s");

            assertEquals(0, java.exitValue(), command + "\n" + Files.readString(log));
            assertTrue(KitArchive.requested(Arrays.asList(DevStackSettings.DEFAULT_JVM_FLAGS.split("\\s+"))),
                    "bin/demo's functions map the kit's class archive");
        } finally {
            Files.delete(log);
        }
    }

    @Test
    void functions_run_on_the_devstacks_own_java_and_are_waited_for_30_s_unless_told_otherwise() {
        DevStackSettings settings = DevStackSettings.fromEnvironment(REPO, Map.of());

        assertEquals(List.of(), settings.functionJava());
        assertEquals(Duration.ofSeconds(30), settings.functionStartTimeout());
    }

    @Test
    void another_java_command_is_split_into_words_and_gets_a_longer_but_bounded_start() {
        DevStackSettings settings = DevStackSettings.fromEnvironment(REPO, Map.of("DEVSTACK_FUNCTION_JAVA",
                "  qemu-aarch64-static   /usr/lib/jvm/java-17-openjdk-arm64/bin/java "));

        assertEquals(List.of("qemu-aarch64-static", "/usr/lib/jvm/java-17-openjdk-arm64/bin/java"), settings.functionJava());
        assertEquals(Duration.ofMinutes(5), settings.functionStartTimeout());
    }

    @ParameterizedTest(name = "DEVSTACK_FUNCTION_JAVA={0}, DEVSTACK_START_TIMEOUT_S={1}")
    @CsvSource({"'', 90, 90", "qemu-aarch64-static java, 600, 600", "'  ', '', 30"})
    void the_start_timeout_is_what_the_environment_says(String java, String seconds, long expected) {
        DevStackSettings settings = DevStackSettings.fromEnvironment(REPO,
                Map.of("DEVSTACK_FUNCTION_JAVA", java, "DEVSTACK_START_TIMEOUT_S", seconds));

        assertEquals(Duration.ofSeconds(expected), settings.functionStartTimeout());
    }

    @Test
    void the_java_command_and_the_start_timeout_can_be_set_in_code_and_survive_other_changes() {
        DevStackSettings settings = DevStackSettings.fromEnvironment(REPO, Map.of())
                .withFunctionJava(List.of("qemu-aarch64-static", "/jvm/arm64/bin/java"))
                .withFunctionStartTimeout(Duration.ofMinutes(4))
                .withAutoCloseMs(200).withFunctionMode(FunctionMode.EAGER);

        assertEquals(List.of("qemu-aarch64-static", "/jvm/arm64/bin/java"), settings.functionJava());
        assertEquals(Duration.ofMinutes(4), settings.functionStartTimeout());
    }
}

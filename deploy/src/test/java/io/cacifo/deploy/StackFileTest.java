package io.cacifo.deploy;

import io.cacifo.kit.config.Config;
import io.cacifo.kit.config.KitSettings;
import io.cacifo.kit.config.Timeouts;
import io.cacifo.screen.ScreenSettings;
import io.cacifo.kit.testing.StackYaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** stack.yaml as faas-cli publishes and deploys it, and as faasd on a 1 GB Pi runs it. */
class StackFileTest {
    /** faasd's gateway: read_timeout=60s, write_timeout=60s (upstream_timeout=65s), faasd-provider service_timeout 60s. */
    static final Duration FAASD_GATEWAY_LIMIT = Duration.ofSeconds(60);
    /** What the seven functions may take together on a 1 GB Pi, leaving room for MariaDB, faasd and the OS. */
    static final long FUNCTIONS_MEMORY_BUDGET = 700L << 20;

    private static final StackYaml STACK = StackYaml.read(Map.of());

    static Stream<String> functions() {
        return STACK.functions().keySet().stream();
    }

    private static Map<String, Object> function(String name) {
        return STACK.functions().get(name);
    }

    private static Map<String, String> environment(String name) {
        return StackYaml.strings(function(name).get("environment"), name + " environment");
    }

    @Test
    void every_function_folder_is_deployed_and_nothing_else() throws Exception {
        Set<String> folders;
        try (Stream<Path> dirs = Files.list(Repo.path("functions"))) {
            folders = dirs.filter(dir -> Files.isRegularFile(dir.resolve("pom.xml")))
                    .map(dir -> dir.getFileName().toString()).filter(name -> !"kit".equals(name))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(folders, new TreeSet<>(STACK.functions().keySet()));
        assertEquals(7, folders.size(), folders.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void the_handler_folder_has_a_pom_and_a_handler_and_uses_the_local_template(String name) {
        Map<String, Object> function = function(name);
        assertEquals("java11-maven", function.get("lang"));
        assertEquals("./functions/" + name, function.get("handler"));
        Path handler = Repo.path(String.valueOf(function.get("handler")));
        assertTrue(Files.isRegularFile(handler.resolve("pom.xml")), handler + "/pom.xml");
        assertTrue(Files.isRegularFile(handler.resolve("src/main/java/com/openfaas/function/Handler.java")),
                handler + " has no com.openfaas.function.Handler");
        Path template = Repo.path("template/" + function.get("lang"));
        assertTrue(Files.isRegularFile(template.resolve("Dockerfile")) && Files.isRegularFile(template.resolve("template.yml")),
                "faas-cli needs " + template + " locally, or it tries the template store");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void the_function_knows_its_own_name(String name) {
        assertEquals(name, environment(name).get("function_name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void the_image_comes_from_the_registry_and_version_variables(String name) {
        String raw = rawImage(name);
        assertEquals("${REGISTRY:-ghcr.io/cacifo}/" + name + ":${VERSION:-0.1.0}", raw);
        Map<String, Object> overridden = StackYaml.parse(STACK.text(), Map.of("REGISTRY", "registry.lan:5000/lockers",
                "VERSION", "0.2.0")).functions().get(name);
        assertEquals("registry.lan:5000/lockers/" + name + ":0.2.0", overridden.get("image"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void the_memory_limit_is_set(String name) {
        Object limits = function(name).get("limits");
        assertNotNull(limits, name + " has no limits: faasd would let one JVM take the Pi");
        String memory = StackYaml.strings(limits, name + " limits").get("memory");
        assertNotNull(memory, name + " has no limits.memory");
        long bytes = StackYaml.memoryBytes(memory);
        assertTrue(bytes >= 64L << 20 && bytes <= 160L << 20, name + " limits.memory " + memory + " is not Pi-sized");
    }

    @Test
    void the_functions_fit_a_1_gb_pi_beside_mariadb_and_faasd() {
        long total = 0;
        List<String> parts = new ArrayList<>();
        for (String name : STACK.functions().keySet()) {
            String memory = StackYaml.strings(function(name).get("limits"), name).get("memory");
            total += StackYaml.memoryBytes(memory);
            parts.add(name + "=" + memory);
        }
        assertTrue(total <= FUNCTIONS_MEMORY_BUDGET, "limits add up to " + (total >> 20) + " Mi > 700 Mi: " + parts);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void the_timeouts_let_the_watchdog_answer_within_faasd_s_gateway_limits(String name) {
        Map<String, String> env = environment(name);
        Duration exec = StackYaml.goDuration(env.get("exec_timeout"));
        Duration read = StackYaml.goDuration(env.get("read_timeout"));
        Duration write = StackYaml.goDuration(env.get("write_timeout"));
        assertTrue(exec.compareTo(FAASD_GATEWAY_LIMIT) < 0, name + " exec_timeout " + exec + " must stay below faasd's 60 s");
        assertTrue(write.compareTo(exec) >= 0, name + ": write_timeout " + write + " below exec_timeout " + exec);
        assertTrue(write.compareTo(FAASD_GATEWAY_LIMIT) < 0 && read.compareTo(FAASD_GATEWAY_LIMIT) < 0,
                name + ": read/write timeouts must stay below faasd's 60 s");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("doorWaiters")
    void the_door_callers_outlast_the_door_close_wait(String name) {
        Duration doorClose = Timeouts.doorClose(Config.of(environment(name)));
        Duration exec = execTimeout(name);
        assertEquals(Duration.ofSeconds(45), doorClose, name + " door_close_timeout_ms");
        assertTrue(exec.compareTo(doorClose.plus(Timeouts.DOOR_IO_MARGIN)) >= 0, name + ": exec_timeout " + exec
                + " must exceed door_close_timeout_ms " + doorClose + " + " + Timeouts.DOOR_IO_MARGIN);
    }

    /** The chain in the kit's Timeouts: door-io answers a close call before the controller gives up on it. */
    @Test
    void door_io_answers_a_close_call_before_the_controller_stops_waiting_and_both_within_exec_timeout() {
        Duration doorClose = Timeouts.doorClose(Config.of(environment("door-io")));
        Duration boardWait = doorClose.plus(Timeouts.BOARD_MARGIN);
        Duration controllerWait = Timeouts.doorClose(Config.of(environment("controller"))).plus(Timeouts.DOOR_IO_MARGIN);
        assertTrue(boardWait.compareTo(execTimeout("door-io")) < 0,
                "door-io's board wait " + boardWait + " must end before its exec_timeout " + execTimeout("door-io"));
        assertTrue(boardWait.compareTo(controllerWait) < 0,
                "door-io's board wait " + boardWait + " must end before the controller's wait " + controllerWait);
        assertTrue(controllerWait.compareTo(execTimeout("controller")) < 0,
                "the controller's wait " + controllerWait + " must end before its exec_timeout " + execTimeout("controller"));
    }

    /**
     * A close call sent again to a door-io still starting (Timeouts.WAKE_RETRY) starts at most that
     * late, and must still outlast door-io's wait for the board; and a code's calls keep time to answer.
     */
    @Test
    void a_call_sent_again_to_a_function_still_starting_keeps_time_for_its_answer() {
        Duration doorClose = Timeouts.doorClose(Config.of(environment("controller")));
        Duration lastCloseTry = doorClose.plus(Timeouts.DOOR_IO_MARGIN).minus(Timeouts.WAKE_RETRY);
        Duration boardWait = Timeouts.doorClose(Config.of(environment("door-io"))).plus(Timeouts.BOARD_MARGIN);
        assertTrue(boardWait.compareTo(lastCloseTry) < 0,
                "a close call's last try (" + lastCloseTry + ") must outlast door-io's board wait " + boardWait);
        Duration gatewayTimeout = Config.of(environment("controller")).millis(KitSettings.GATEWAY_TIMEOUT, 1);
        assertTrue(Timeouts.WAKE_RETRY.compareTo(gatewayTimeout) < 0,
                "the wake budget " + Timeouts.WAKE_RETRY + " must leave time within gateway_timeout_ms " + gatewayTimeout);
    }

    /** A code: the controller's gateway calls for it, then screen-io's wait for the controller, then screen-io's exec_timeout. */
    @Test
    void screen_io_waits_longer_than_the_controller_takes_for_a_code_and_answers_within_exec_timeout() {
        Duration codeAtController = Config.of(environment("controller")).millis(KitSettings.GATEWAY_TIMEOUT, 1)
                .multipliedBy(Timeouts.CALLS_PER_CODE);
        Duration screenWait = Config.of(environment("screen-io")).millis(ScreenSettings.CONTROLLER_TIMEOUT, 1);
        assertTrue(codeAtController.compareTo(screenWait) < 0,
                "screen-io's controller_timeout_ms " + screenWait + " must exceed the controller's " + codeAtController);
        assertTrue(screenWait.compareTo(execTimeout("screen-io")) < 0,
                "screen-io's controller_timeout_ms " + screenWait + " must end before its exec_timeout " + execTimeout("screen-io"));
    }

    private static Duration execTimeout(String name) {
        return StackYaml.goDuration(environment(name).get("exec_timeout"));
    }

    static Stream<String> doorWaiters() {
        return Stream.of("door-io", "controller");
    }

    @Test
    void every_function_that_knows_the_door_close_timeout_has_the_same_one() {
        Set<String> values = new TreeSet<>();
        for (String name : STACK.functions().keySet()) {
            String value = environment(name).get("door_close_timeout_ms");
            if (value != null) {
                values.add(value);
            }
        }
        assertEquals(Set.of("45000"), values, "door-io, the controller and door-manager's alarm must agree");
    }

    @Test
    void the_controller_is_called_by_faasd_s_cron_connector() {
        Map<String, String> annotations = StackYaml.strings(function("controller").get("annotations"), "controller annotations");
        assertEquals("cron-function", annotations.get("topic"));
        String schedule = annotations.get("schedule");
        assertNotNull(schedule);
        assertEquals(5, schedule.trim().split("\\s+").length, "a 5-field cron expression: " + schedule);
    }

    @Test
    void the_template_and_the_kit_come_from_the_repository() {
        Map<String, Object> configuration = StackYaml.map(STACK.root().get("configuration"), "configuration");
        List<String> copy = StackYaml.list(configuration.get("copy"), "configuration.copy");
        assertEquals(List.of("./functions/kit"), copy);
        copy.forEach(path -> assertTrue(Files.isRegularFile(Repo.path(path).resolve("pom.xml")), path));
        String templates = String.valueOf(configuration.get("templates"));
        assertTrue(templates.contains("name=java11-maven") && !templates.contains("source"),
                "the template is local; a source would make faas-cli fetch it: " + templates);
    }

    @Test
    void the_database_host_is_the_compose_service_unless_db_host_says_the_faasd_host() {
        assertEquals("mariadb", environment("user-manager").get("db_host"));
        Map<String, Object> onHost = StackYaml.parse(STACK.text(), Map.of("DB_HOST", "10.62.0.1")).functions().get("screen-io");
        assertEquals("10.62.0.1", StackYaml.strings(onHost.get("environment"), "screen-io").get("db_host"));
    }

    private static String rawImage(String name) {
        // The raw text, before substitution: the image line of this function's block.
        String text = STACK.text();
        int block = text.indexOf("\n  " + name + ":\n");
        assertTrue(block >= 0, name + " block");
        int image = text.indexOf("image: ", block);
        return text.substring(image + "image: ".length(), text.indexOf('\n', image)).trim();
    }
}

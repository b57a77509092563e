package io.cacifo.monolith;

import com.openfaas.entrypoint.EntrypointSettings;
import io.cacifo.kit.http.BlockingHttp;
import io.cacifo.kit.json.Body;
import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.RequestSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher: two function jars, both with com.openfaas.function.Handler, in one JVM behind one port. */
class MonolithTest {
    private static final String KEY = "m".repeat(40);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private Path dir;
    private Monolith monolith;

    @BeforeEach
    void jars() throws Exception {
        dir = Files.createTempDirectory("monolith-test-");
    }

    @AfterEach
    void stop() throws Exception {
        if (monolith != null) {
            monolith.stop();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    private MonolithPlan.Function function(String name, String asks) throws Exception {
        Path secrets = Files.createDirectories(dir.resolve(name + "-secrets"));
        Files.writeString(secrets.resolve("internal-hmac-key"), KEY, StandardCharsets.UTF_8);
        // No gateway_url: a call that left the JVM would go to the kit's default address and fail.
        return new MonolithPlan.Function(name, FunctionJars.build(dir, name, asks),
                Map.of("function_name", name, "secrets_dir", secrets.toString()));
    }

    private void start(MonolithPlan plan) throws Exception {
        monolith = Monolith.start(plan, new EntrypointSettings(0, 4, 8, 64 * 1024));
    }

    private BlockingHttp.Reply post(String function, String action, HmacKey signedWith) throws Exception {
        String path = "/function/" + function;
        String query = "action=" + action;
        Map<String, String> headers = signedWith == null ? Map.of()
                : new RequestSigner(signedWith, Clock.systemUTC()).headers("POST", path, query, "{}");
        return BlockingHttp.postJson(URI.create("http://127.0.0.1:" + monolith.port() + path + "?" + query), headers, "{}",
                TIMEOUT, TIMEOUT);
    }

    @Test
    void each_function_is_served_by_its_own_handler_class_from_its_own_loader() throws Exception {
        start(new MonolithPlan(List.of(function("door-io", "door-manager"), function("door-manager", "door-io"))));

        Body doorIo = Body.ofReply(post("door-io", "whoami", new HmacKey(KEY)).text());
        Body doorManager = Body.ofReply(post("door-manager", "whoami", new HmacKey(KEY)).text());

        assertEquals("door-io", doorIo.text("function", 50));
        assertEquals("door-io", doorIo.text("loader", 50));
        assertEquals("door-manager", doorManager.text("function", 50));
        assertEquals("door-manager", doorManager.text("loader", 50));
        assertNotEquals(monolith.handlers().get("door-io").getClass(), monolith.handlers().get("door-manager").getClass());
    }

    @Test
    void a_call_between_functions_stays_in_the_jvm_and_is_still_signed_and_verified() throws Exception {
        start(new MonolithPlan(List.of(function("screen-io", "controller"), function("controller", "screen-io"))));

        BlockingHttp.Reply asked = post("screen-io", "ask", null);

        assertEquals(200, asked.status(), asked.text());
        String answer = Body.ofReply(asked.text()).text("answer", 500);
        assertEquals("controller", Body.ofReply(answer).text("function", 50));
    }

    private String get(String path) throws Exception {
        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + monolith.port() + path)).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reply.statusCode(), path + ": " + reply.body());
        return reply.body();
    }

    @Test
    void the_one_jvm_s_memory_and_process_series_are_served_once_at_its_own_metrics() throws Exception {
        start(new MonolithPlan(List.of(function("door-io", "door-manager"), function("door-manager", "door-io"))));

        String jvm = get("/metrics");
        String doorIo = get("/function/door-io/metrics");

        assertEquals(1, jvm.lines().filter(line -> line.startsWith("process_resident_memory_bytes ")).count(), jvm);
        assertTrue(jvm.contains("jvm_memory_used_bytes{area=\"heap\"}") && jvm.contains("cacifo_handler_threads "), jvm);
        assertTrue(!doorIo.contains("process_resident_memory_bytes") && !doorIo.contains("jvm_memory_used_bytes"), doorIo);
    }

    @Test
    void an_unsigned_or_forged_call_from_outside_is_refused_as_by_the_function() throws Exception {
        start(new MonolithPlan(List.of(function("controller", "controller"))));

        assertEquals(401, post("controller", "whoami", null).status());
        assertEquals(401, post("controller", "whoami", new HmacKey("f".repeat(40))).status());
    }

    @Test
    void a_function_whose_name_setting_disagrees_with_the_plan_does_not_start() throws Exception {
        MonolithPlan.Function doorIo = function("door-io", "door-io");
        MonolithPlan.Function misnamed = new MonolithPlan.Function("door-io", doorIo.jar(),
                Map.of("function_name", "door-manager", "secrets_dir", doorIo.environment().get("secrets_dir")));

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> start(new MonolithPlan(List.of(misnamed))));

        assertTrue(refused.getMessage().contains("door-manager"), refused.getMessage());
    }

    @Test
    void a_missing_jar_is_named() {
        MonolithPlan.Function missing = new MonolithPlan.Function("door-io", dir.resolve("nowhere.jar"),
                Map.of("function_name", "door-io"));

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> start(new MonolithPlan(List.of(missing))));

        assertTrue(refused.getMessage().contains("nowhere.jar"), refused.getMessage());
    }

    @Test
    void the_plan_reads_back_as_written_in_its_order() throws Exception {
        MonolithPlan written = new MonolithPlan(List.of(
                new MonolithPlan.Function("user-manager", Path.of("/x/user.jar"), Map.of("function_name", "user-manager",
                        "support_phone", "+351 = 21 #1")),
                new MonolithPlan.Function("controller", Path.of("/x/controller.jar"), Map.of("function_name", "controller"))));
        Path file = dir.resolve("plan.properties");

        written.write(file);
        MonolithPlan read = MonolithPlan.read(file);

        assertEquals(List.of("user-manager", "controller"), read.functions().stream().map(MonolithPlan.Function::name)
                .collect(java.util.stream.Collectors.toList()));
        assertEquals("+351 = 21 #1", read.functions().get(0).environment().get("support_phone"));
        assertEquals(Path.of("/x/controller.jar"), read.functions().get(1).jar());
    }
}

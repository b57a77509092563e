package io.cacifo.devstack;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cacifo.devstack.demo.DemoData;
import io.cacifo.devstack.demo.DemoParcel;
import io.cacifo.devstack.gateway.BasicAuth;
import io.cacifo.devstack.process.FunctionMode;
import io.cacifo.kit.http.GatewayReply;
import io.cacifo.kit.testing.LogCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole devstack with whatever functions are built (at least user-manager:
 * {@code mvn -B -q -o -f functions/user-manager/pom.xml package -DskipTests}), reached as a
 * client reaches faasd. The last test closes it and checks no child process is left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevStackTest {
    private static final Path REPO = Main.repoRoot(Path.of("").toAbsolutePath());
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static DevStack stack;
    /** The devstack's own log lines while it started. */
    private static List<String> startLog;

    @BeforeAll
    static void start() {
        Path jar = REPO.resolve("functions/user-manager/target/function.jar");
        assertTrue(Files.isRegularFile(jar), "build user-manager first: cd " + REPO
                + " && mvn -B -q -o -f functions/user-manager/pom.xml package -DskipTests");
        try (LogCapture log = LogCapture.start()) {
            stack = DevStack.start(DevStackSettings.forTests(REPO).withFunctionMode(FunctionMode.FAASD));
            startLog = log.lines();
        }
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI base, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private static long metric(String text, String function, int code) {
        Matcher value = Pattern.compile("gateway_function_invocation_total\\{function_name=\"" + Pattern.quote(function)
                + ".openfaas-fn\",code=\"" + code + "\"} (\\d+)").matcher(text);
        return value.find() ? Long.parseLong(value.group(1)) : 0;
    }

    @Test
    @Order(1)
    void user_manager_is_deployed_and_each_function_is_either_deployed_or_reported_skipped() {
        assertTrue(stack.deployedFunctions().contains("user-manager"), stack.deployedFunctions().toString());
        assertTrue(stack.faults().isRunning("user-manager"));
        List<String> all = new ArrayList<>(stack.deployedFunctions());
        all.addAll(stack.skippedFunctions());
        assertEquals(7, all.size(), all.toString());
    }

    @Test
    @Order(0)
    void start_returns_once_the_wake_script_found_every_deployed_function_answering() {
        String woke = "cacifo-wake: all " + stack.deployedFunctions().size() + " functions answer";
        assertTrue(startLog.stream().anyMatch(line -> line.contains(woke)), woke + " not in:\n" + String.join("\n", startLog));
        stack.deployedFunctions().forEach(name -> assertTrue(stack.faults().isRunning(name), name));
    }

    @Test
    @Order(2)
    void a_back_end_signed_call_through_the_gateway_reaches_user_manager_and_an_unsigned_one_is_refused() throws Exception {
        String before = get(stack.gatewayUrl(), "/metrics").body();

        GatewayReply created = stack.lockerClient().call("user-manager", "insert", "{\"username\":\"it.devstack\"}");
        HttpResponse<String> unsigned = send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl()
                + "/function/user-manager?action=insert")).POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"x\"}")));

        assertEquals(201, created.status(), created.body());
        assertEquals("it.devstack", created.json().get("username").getAsString());
        assertEquals(401, unsigned.statusCode(), unsigned.body());
        assertEquals("unauthorized", JsonParser.parseString(unsigned.body()).getAsJsonObject().get("error").getAsString());
        String after = get(stack.gatewayUrl(), "/metrics").body();
        assertEquals(metric(before, "user-manager", 201) + 1, metric(after, "user-manager", 201), after);
        assertEquals(metric(before, "user-manager", 401) + 1, metric(after, "user-manager", 401), after);
        assertTrue(after.contains("gateway_service_count{function_name=\"user-manager.openfaas-fn\"} 1"), after);
    }

    @Test
    @Order(3)
    void the_demo_data_is_in_for_the_functions_that_run() throws Exception {
        GatewayReply users = stack.gatewayClient().call("user-manager", "list", Map.of());
        assertEquals(200, users.status(), users.body());
        List<String> names = new ArrayList<>();
        for (JsonElement user : users.json().getAsJsonArray("users")) {
            names.add(user.getAsJsonObject().get("username").getAsString());
        }
        assertTrue(names.containsAll(List.of("courier.demo", "customer.demo")), names.toString());

        boolean parcelsPossible = stack.deployedFunctions().containsAll(List.of("door-manager", "reservation-manager"));
        List<String> made = stack.demoParcels().stream().map(DemoParcel::externalId).collect(Collectors.toList());
        List<String> planned = DemoData.plannedParcels().stream().map(DemoParcel::externalId).collect(Collectors.toList());
        assertEquals(parcelsPossible ? planned : List.of(), made);
    }

    @Test
    @Order(4)
    void system_functions_lists_the_deployed_functions_behind_basic_auth() throws Exception {
        String password = Files.readString(stack.secretsDir().resolve("basic-auth-password")).strip();
        URI list = URI.create(stack.gatewayUrl() + "/system/functions");

        HttpResponse<String> refused = send(HttpRequest.newBuilder(list).GET());
        HttpResponse<String> listed = send(HttpRequest.newBuilder(list).GET()
                .header("Authorization", BasicAuth.header("admin", password)));

        assertEquals(401, refused.statusCode());
        assertEquals(200, listed.statusCode(), listed.body());
        JsonArray functions = JsonParser.parseString(listed.body()).getAsJsonArray();
        List<String> names = new ArrayList<>();
        for (JsonElement function : functions) {
            JsonObject json = function.getAsJsonObject();
            names.add(json.get("name").getAsString());
            assertEquals(1, json.get("availableReplicas").getAsInt(), json.toString());
        }
        assertEquals(stack.deployedFunctions().stream().sorted().collect(Collectors.toList()), names);
    }

    @Test
    @Order(5)
    void a_killed_function_is_a_stopped_task_that_only_the_next_call_starts_again() throws Exception {
        stack.faults().killFunction("user-manager");
        // Nothing watches the process: a while later it is still gone, with 0 replicas.
        Thread.sleep(1500);
        assertFalse(stack.faults().isRunning("user-manager"));
        assertEquals(0, replicas("user-manager"));
        assertTrue(get(stack.gatewayUrl(), "/metrics").body()
                .contains("gateway_service_count{function_name=\"user-manager.openfaas-fn\"} 0"));

        // The call starts it and is forwarded at once, before the JVM listens: of-watchdog's empty 500.
        HttpResponse<String> first = get(stack.gatewayUrl(), "/function/user-manager/health");
        assertTrue(stack.faults().isRunning("user-manager"), "the call starts the function");
        assertEquals(1, replicas("user-manager"));
        assertEquals(500, first.statusCode(), first.body());
        assertEquals("", first.body());
        assertEquals("of-watchdog", first.headers().firstValue("X-OpenFaaS-Internal").orElse(""));

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (get(stack.gatewayUrl(), "/function/user-manager/health").statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "user-manager did not answer within 30 s of its first call");
            Thread.sleep(100);
        }
        GatewayReply again = stack.gatewayClient().call("user-manager", "list", Map.of());
        assertEquals(200, again.status(), again.body());
    }

    private static int replicas(String function) throws Exception {
        String password = Files.readString(stack.secretsDir().resolve("basic-auth-password")).strip();
        HttpResponse<String> described = send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/system/function/"
                + function)).GET().header("Authorization", BasicAuth.header("admin", password)));
        assertEquals(200, described.statusCode(), described.body());
        return JsonParser.parseString(described.body()).getAsJsonObject().get("availableReplicas").getAsInt();
    }

    @Test
    @Order(6)
    void the_back_end_stand_in_and_healthz_answer() throws Exception {
        assertEquals(200, get(stack.backend().url(), "/events").statusCode());
        HttpResponse<String> health = get(stack.gatewayUrl(), "/healthz");
        assertEquals("OK", health.body());
    }

    @Test
    @Order(7)
    void close_stops_every_child_process_and_removes_the_temporary_state() {
        List<ProcessHandle> children = ProcessHandle.current().children().collect(Collectors.toList());
        assertFalse(children.isEmpty(), "MariaDB and the functions run as child processes");
        Path state = stack.settings().stateDir();

        stack.close();

        for (ProcessHandle child : children) {
            assertFalse(child.isAlive(), "still alive: pid " + child.pid() + " " + child.info().commandLine().orElse(""));
        }
        assertEquals(List.of(), ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .map(child -> child.pid() + " " + child.info().commandLine().orElse("")).collect(Collectors.toList()));
        assertFalse(Files.exists(state), state + " should be gone");
    }
}

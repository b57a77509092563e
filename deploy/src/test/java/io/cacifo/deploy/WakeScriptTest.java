package io.cacifo.deploy;

import io.cacifo.kit.testing.FakeHttpServer;
import io.cacifo.kit.testing.FakeHttpServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/host/cacifo-wake, executed against a fake of faasd's gateway over real HTTP: the gateway's
 * {@code /healthz}, {@code /system/functions} behind basic auth, and each function's
 * {@code /function/<name>/health} answering as faasd does while a JVM starts (500, empty body,
 * {@code X-OpenFaaS-Internal: of-watchdog}).
 */
class WakeScriptTest {
    private static final String SCRIPT = "deploy/host/cacifo-wake";
    private static final List<String> FUNCTIONS = List.of("controller", "door-io", "screen-io");
    /** Cold-start answers each function gives before its JVM listens. */
    private static final int COLD_ANSWERS = 2;

    @TempDir
    Path dir;
    private final String password = "pw-" + UUID.randomUUID();
    private Path passwordFile;
    private final Map<String, AtomicInteger> probes = new ConcurrentHashMap<>();
    /** Processes whose command line or environment held the password while the script listed the functions. */
    private final List<String> leaks = new CopyOnWriteArrayList<>();
    private FakeHttpServer gateway;

    @BeforeEach
    void writePassword() throws IOException {
        passwordFile = dir.resolve("basic-auth-password");
        Files.writeString(passwordFile, password + "\n");
    }

    @AfterEach
    void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    /** faasd's /system/functions, compact JSON as the gateway writes it. */
    private static String functionList() {
        return FUNCTIONS.stream().map(name -> "{\"name\":\"" + name + "\",\"image\":\"ghcr.io/cacifo/" + name
                + ":0.1.0\",\"namespace\":\"openfaas-fn\",\"replicas\":0,\"availableReplicas\":0,\"labels\":{\"com.openfaas.scale.zero\":\"false\"}}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    /** A function starting: COLD_ANSWERS watchdog 500s, then its entrypoint's 200; {@code hanging} never answers. */
    private Reply health(String name, String hanging) throws InterruptedException {
        int probe = probes.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
        if (name.equals(hanging)) {
            Thread.sleep(30_000);
        }
        if (probe <= COLD_ANSWERS) {
            return Reply.empty(500).with("X-OpenFaaS-Internal", "of-watchdog");
        }
        return Reply.json(200, "{\"status\":\"ok\"}");
    }

    private Reply faasd(FakeHttpServer.Request request, String hanging, long gatewayAfterMillis, long startedAt) throws InterruptedException {
        long millis = (System.nanoTime() - startedAt) / 1_000_000L;
        if (request.path.equals("/healthz")) {
            return millis < gatewayAfterMillis ? Reply.empty(502) : Reply.of(200, "text/plain", "OK");
        }
        if (request.path.equals("/system/functions")) {
            leaks.addAll(processesHolding(password));
            String expected = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(request.headers.get("Authorization"))) {
                return Reply.of(401, "text/plain", "Unauthorized");
            }
            // faasd-provider (restarted on its own by systemd) may start a while after the gateway answers.
            return millis < 2 * gatewayAfterMillis ? Reply.empty(502) : Reply.json(200, functionList());
        }
        if (request.path.startsWith("/function/") && request.path.endsWith("/health")) {
            return health(request.path.split("/")[2], hanging);
        }
        return Reply.of(404, "text/plain", "Not Found");
    }

    /** The gateway's /healthz fails for {@code gatewayAfterMillis}, the function list for twice as long. */
    private void startGateway(String hanging, long gatewayAfterMillis) {
        long startedAt = System.nanoTime();
        gateway = FakeHttpServer.start("faasd-gateway", request -> faasd(request, hanging, gatewayAfterMillis, startedAt));
    }

    private Processes.Result wake(String gatewayUrl, int timeoutSeconds) throws IOException {
        return Processes.run(List.of(SCRIPT), Map.of("CACIFO_GATEWAY", gatewayUrl,
                "CACIFO_BASIC_AUTH_FILE", passwordFile.toString(), "CACIFO_WAKE_TIMEOUT", String.valueOf(timeoutSeconds)));
    }

    private long requestsTo(String path) {
        return gateway.requests().stream().filter(request -> request.path.equals(path)).count();
    }

    /** Every process on this machine whose command line or environment holds {@code secret}. */
    private static List<String> processesHolding(String secret) {
        List<String> holding = new ArrayList<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).collect(Collectors.toList())) {
                for (String part : List.of("cmdline", "environ")) {
                    try {
                        String text = new String(Files.readAllBytes(process.resolve(part)), StandardCharsets.UTF_8).replace('\0', ' ');
                        if (text.contains(secret)) {
                            holding.add(process.getFileName() + " " + part);
                        }
                    } catch (IOException | SecurityException gone) {
                        // ended meanwhile, or another user's: not the script's
                    }
                }
            }
        } catch (IOException e) {
            holding.add("could not list /proc: " + e);
        }
        return holding;
    }

    @Test
    void every_function_answering_after_its_cold_start_errors_is_awake_and_the_script_exits_0() throws IOException {
        startGateway(null, 0);

        Processes.Result result = wake(gateway.url().toString(), 30);

        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.output.contains("all 3 functions answer: controller door-io screen-io"), result.output);
        for (String name : FUNCTIONS) {
            assertEquals(COLD_ANSWERS + 1, probes.get(name).get(), name + " probed until its first 200, then left alone");
        }
    }

    @Test
    void the_admin_password_goes_only_to_the_function_list_and_never_onto_a_command_line() throws IOException {
        startGateway(null, 0);

        Processes.Result result = wake(gateway.url().toString(), 30);

        assertEquals(0, result.exitCode, result.toString());
        assertFalse(result.output.contains(password), "printed the password");
        assertEquals(List.of(), leaks, "processes holding the password while the script ran");
        assertEquals(1, requestsTo("/system/functions"), gateway.requests().toString());
        for (FakeHttpServer.Request request : gateway.requests()) {
            if (!request.path.startsWith("/system/")) {
                assertEquals(null, request.headers.get("Authorization"), "credentials sent to " + request.path);
            }
        }
    }

    @Test
    void a_function_that_never_answers_is_named_and_the_script_exits_1_within_its_timeout() throws IOException {
        startGateway("door-io", 0);
        int timeout = 4;

        long start = System.nanoTime();
        Processes.Result result = wake(gateway.url().toString(), timeout);
        double seconds = (System.nanoTime() - start) / 1e9;

        assertEquals(1, result.exitCode, result.toString());
        assertTrue(result.output.contains("not answering after " + timeout + " s: door-io\n"), result.output);
        assertTrue(seconds >= timeout && seconds < timeout + 1.5, "took " + seconds + " s with a timeout of " + timeout + " s");
    }

    @Test
    void without_a_readable_password_file_the_script_exits_2_and_calls_nothing() throws IOException {
        startGateway(null, 0);
        Files.delete(passwordFile);

        Processes.Result result = wake(gateway.url().toString(), 30);

        assertEquals(2, result.exitCode, result.toString());
        assertTrue(result.output.contains("cannot read the gateway password file " + passwordFile), result.output);
        assertEquals(List.of(), gateway.requests());
    }

    @Test
    void a_gateway_and_provider_still_starting_are_waited_for_and_then_every_function_is_woken() throws IOException {
        startGateway(null, 1_500);

        Processes.Result result = wake(gateway.url().toString(), 30);

        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.output.contains("all 3 functions answer"), result.output);
        assertTrue(requestsTo("/healthz") >= 2, "asked /healthz again: " + gateway.requests());
        assertTrue(requestsTo("/system/functions") >= 2, "asked for the function list again: " + gateway.requests());
    }

    @Test
    void a_gateway_that_does_not_listen_is_waited_for_until_the_timeout() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        long start = System.nanoTime();
        Processes.Result result = wake("http://127.0.0.1:" + closedPort, 2);
        double seconds = (System.nanoTime() - start) / 1e9;

        assertEquals(1, result.exitCode, result.toString());
        assertTrue(result.output.contains("did not answer within 2 s"), result.output);
        assertTrue(seconds >= 1.5, "gave up after " + seconds + " s instead of waiting");
    }
}

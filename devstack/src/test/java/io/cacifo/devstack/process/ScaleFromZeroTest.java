package io.cacifo.devstack.process;

import com.google.gson.JsonParser;
import io.cacifo.devstack.gateway.BasicAuth;
import io.cacifo.devstack.gateway.FunctionDirectory;
import io.cacifo.devstack.gateway.FunctionEndpoint;
import io.cacifo.devstack.gateway.GatewayServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A function's process behind the gateway as faasd runs its task, and as the eager devstack ran it:
 * a real child process ({@link TinyFunction}, listening 1 s after it starts) and the real gateway.
 */
class ScaleFromZeroTest {
    private static final String PASSWORD = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final long START_DELAY_MS = 1000;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    @TempDir
    Path dir;
    private ChildProcess process;
    private GatewayServer gateway;

    private void deploy(FunctionMode mode) throws Exception {
        int port = FreePort.or(0);
        process = new ChildProcess("tiny", command(port), Map.of(), dir, dir.resolve("tiny.log"), port);
        FunctionDirectory directory = new FunctionDirectory();
        directory.register(new FunctionEndpoint("tiny", "ghcr.io/cacifo/tiny:0.1.0", port, Duration.ofSeconds(10), Map.of(),
                new ProcessTask(process, mode)));
        gateway = GatewayServer.start(0, directory, PASSWORD);
    }

    private static List<String> command(int port) throws Exception {
        Path classes = Path.of(TinyFunction.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new ArrayList<>(Jvm.command(List.of("-Xmx16m", "-XX:TieredStopAtLevel=1"),
                List.of(classes), TinyFunction.class.getName()));
        command.add(Integer.toString(port));
        command.add(Long.toString(START_DELAY_MS));
        return command;
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (process != null) {
            process.kill();
        }
    }

    private HttpResponse<String> call(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.url() + path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private int replicas() throws Exception {
        HttpResponse<String> described = http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/system/function/tiny"))
                .header("Authorization", BasicAuth.header("admin", PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, described.statusCode(), described.body());
        int replicas = JsonParser.parseString(described.body()).getAsJsonObject().get("replicas").getAsInt();
        assertEquals(replicas, JsonParser.parseString(described.body()).getAsJsonObject().get("availableReplicas").getAsInt());
        return replicas;
    }

    private static void assertOfWatchdog500(HttpResponse<String> reply) {
        assertEquals(500, reply.statusCode(), reply.body());
        assertEquals("", reply.body());
        assertEquals("of-watchdog", reply.headers().firstValue("X-OpenFaaS-Internal").orElse(""), reply.headers().toString());
    }

    /** Calls until one is answered 200, within 20 s. */
    private void awaitServed() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (call("GET", "/function/tiny/health").statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "tiny did not answer within 20 s; see " + process.log());
            Thread.sleep(50);
        }
    }

    private void awaitExit() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (process.isAlive()) {
            assertTrue(System.nanoTime() < deadline, "tiny did not exit");
            Thread.sleep(20);
        }
    }

    @Test
    void a_deployed_function_has_no_process_until_its_first_call_which_is_forwarded_before_it_listens() throws Exception {
        deploy(FunctionMode.FAASD);
        assertFalse(process.isAlive());
        assertEquals(0, replicas());

        HttpResponse<String> first = call("GET", "/function/tiny/health");

        assertOfWatchdog500(first);
        assertTrue(process.isAlive(), "the first call starts the function");
        assertEquals(1, replicas());
        awaitServed();
    }

    @Test
    void an_async_call_starts_a_stopped_function_too() throws Exception {
        deploy(FunctionMode.FAASD);

        assertEquals(202, call("POST", "/async-function/tiny").statusCode());

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!process.isAlive()) {
            assertTrue(System.nanoTime() < deadline, "the async call did not start the function");
            Thread.sleep(20);
        }
    }

    @Test
    void a_killed_function_stays_stopped_until_the_next_call_starts_it_again() throws Exception {
        deploy(FunctionMode.FAASD);
        call("GET", "/function/tiny/health");
        awaitServed();

        process.kill();
        // Its exit handled: whatever would start it again on its own would have done so by now.
        process.exitHandled().get(10, TimeUnit.SECONDS);

        assertFalse(process.isAlive(), "nothing but a call starts it again");
        assertEquals(0, replicas());
        assertOfWatchdog500(call("GET", "/function/tiny/health"));
        assertTrue(process.isAlive());
        awaitServed();
    }

    @Test
    void a_function_that_exits_non_zero_is_a_stopped_task_started_again_by_the_next_call() throws Exception {
        deploy(FunctionMode.FAASD);
        call("GET", "/function/tiny/health");
        awaitServed();

        assertEquals(200, call("POST", "/function/tiny/exit?code=3").statusCode());
        awaitExit();

        assertEquals(0, replicas());
        call("GET", "/function/tiny/health");
        assertTrue(process.isAlive());
        awaitServed();
    }

    @Test
    void a_function_that_exits_0_is_reported_running_and_every_call_gets_of_watchdog_s_500_for_ever() throws Exception {
        deploy(FunctionMode.FAASD);
        call("GET", "/function/tiny/health");
        awaitServed();

        assertEquals(200, call("POST", "/function/tiny/exit?code=0").statusCode());
        awaitExit();

        for (int i = 0; i < 3; i++) {
            assertOfWatchdog500(call("GET", "/function/tiny/health"));
            Thread.sleep(300);
        }
        assertFalse(process.isAlive(), "a watchdog whose child exited 0 never starts it again");
        assertEquals(1, replicas());
    }

    @Test
    void in_the_eager_devstack_a_call_does_not_start_a_killed_function() throws Exception {
        deploy(FunctionMode.EAGER);
        process.start();
        awaitServed();

        process.kill();

        assertOfWatchdog500(call("GET", "/function/tiny/health"));
        assertFalse(process.isAlive());
        assertEquals(0, replicas());
    }
}

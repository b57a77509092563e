package io.cacifo.devstack.wake;

import io.cacifo.devstack.Main;
import io.cacifo.devstack.gateway.FunctionDirectory;
import io.cacifo.devstack.gateway.FunctionEndpoint;
import io.cacifo.devstack.gateway.FunctionTask;
import io.cacifo.devstack.gateway.GatewayServer;
import io.cacifo.kit.testing.FakeHttpServer;
import io.cacifo.kit.testing.FakeHttpServer.Reply;
import io.cacifo.kit.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** deploy/host/cacifo-wake, the Pi's own script, run by the devstack against its real gateway. */
class WakeScriptTest {
    private static final Path SCRIPT = Main.repoRoot(Path.of("").toAbsolutePath()).resolve("deploy/host/cacifo-wake");
    private static final String PASSWORD = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    @TempDir
    Path dir;
    private final AtomicInteger probes = new AtomicInteger();
    private FakeHttpServer function;
    private GatewayServer gateway;
    private final FunctionDirectory directory = new FunctionDirectory();

    @BeforeEach
    void start() throws IOException {
        function = FakeHttpServer.start("awake", request -> {
            probes.incrementAndGet();
            return Reply.of(200, "application/json", "{\"status\":\"ok\"}");
        });
        directory.register(new FunctionEndpoint("awake", "ghcr.io/cacifo/awake:0.1.0", function.port(), Duration.ofSeconds(5),
                Map.of(), FunctionTask.fixed(1)));
        gateway = GatewayServer.start(0, directory, PASSWORD);
        Files.writeString(dir.resolve("basic-auth-password"), PASSWORD);
    }

    @AfterEach
    void stop() {
        gateway.close();
        function.close();
    }

    private WakeScript script() {
        return new WakeScript(SCRIPT, gateway.url(), dir.resolve("basic-auth-password"), Duration.ofSeconds(3), dir.resolve("logs"));
    }

    @Test
    void at_boot_the_script_probes_every_function_and_its_output_goes_to_the_devstack_log() {
        try (LogCapture log = LogCapture.start(); WakeScript wake = script()) {
            wake.runAtBoot();

            assertTrue(probes.get() >= 1, "the script never probed the function");
            assertTrue(log.lines().stream().anyMatch(line -> line.contains("cacifo-wake: all 1 functions answer: awake")),
                    log.lines().toString());
        }
    }

    @Test
    void a_function_that_never_answers_fails_the_boot_naming_it_and_the_functions_logs() throws IOException {
        directory.register(new FunctionEndpoint("asleep", "ghcr.io/cacifo/asleep:0.1.0", closedPort(), Duration.ofSeconds(5),
                Map.of(), FunctionTask.fixed(0)));
        try (WakeScript wake = script()) {
            IllegalStateException failure = assertThrows(IllegalStateException.class, wake::runAtBoot);

            assertTrue(failure.getMessage().contains("asleep"), failure.getMessage());
            assertTrue(failure.getMessage().contains(dir.resolve("logs").toString()), failure.getMessage());
        }
    }

    @Test
    void the_timer_runs_the_script_again_and_again_until_closed() throws Exception {
        try (WakeScript wake = script(); WakeTimer timer = WakeTimer.start(wake, Duration.ofMillis(300))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (probes.get() < 2) {
                assertTrue(System.nanoTime() < deadline, "the timer ran the script " + probes.get() + " times in 15 s");
                Thread.sleep(50);
            }
        }
        int after = probes.get();
        Thread.sleep(1500);
        assertTrue(probes.get() == after, "the script ran after the timer was closed");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

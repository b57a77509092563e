package com.openfaas.entrypoint;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The entrypoint as of-watchdog runs it: a real child JVM ({@code java ... com.openfaas.entrypoint.App})
 * with {@link ChildHandler} found through META-INF/services. of-watchdog 0.10.9 exits only when this
 * JVM exits non-zero, so a JVM that ends must say so with its status.
 */
class EntrypointProcessTest {
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(15);
    private static final int SIGTERM_STATUS = 143;

    @TempDir
    Path dir;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process child;
    private Path log;
    private int port;

    @AfterEach
    void kill() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_handler_that_calls_system_exit_0_ends_the_jvm_with_a_non_zero_status() throws Exception {
        start("");
        awaitLog("listening on port");

        send("exit");

        assertExitStatus(ExitGuard.FAILURE);
        assertLogContains("[entrypoint] the JVM is ending without SIGTERM or SIGINT");
    }

    @Test
    void an_http_server_whose_dispatcher_died_ends_the_jvm_with_a_non_zero_status() throws Exception {
        start("");
        awaitLog("listening on port");

        send("kill-server");

        assertExitStatus(ExitGuard.FAILURE);
    }

    @Test
    void sigterm_lets_the_call_in_flight_answer_and_ends_with_143() throws Exception {
        start("");
        awaitLog("listening on port");
        CompletableFuture<HttpResponse<String>> inFlight = send("slow");
        Thread.sleep(ChildHandler.SLOW_CALL_MS / 3);

        child.destroy(); // SIGTERM, as of-watchdog passes on a container stop

        HttpResponse<String> reply = inFlight.get(10, TimeUnit.SECONDS);
        assertEquals(200, reply.statusCode(), reply.body());
        assertExitStatus(SIGTERM_STATUS);
    }

    @Test
    void sigterm_while_the_handler_is_loading_ends_with_143() throws Exception {
        start("slow");
        awaitLog("[child] handler loading");

        child.destroy();

        assertExitStatus(SIGTERM_STATUS);
    }

    @Test
    void a_handler_whose_constructor_throws_ends_the_jvm_with_status_1_and_a_log_line_saying_why() throws Exception {
        start("throw");

        assertExitStatus(ExitGuard.FAILURE);
        assertLogContains("[entrypoint] the handler did not start; exiting with status 1");
        assertLogContains("missing secret db-password");
    }

    @Test
    void a_call_sent_while_the_handler_is_still_loading_waits_and_is_answered_once_it_has_loaded() throws Exception {
        start("slow");
        awaitLog("[child] handler loading");

        HttpResponse<String> reply = send("early").get(10, TimeUnit.SECONDS);

        assertEquals(200, reply.statusCode(), reply.body());
        assertEquals("{\"answered\":\"action=early\"}", reply.body());
        assertLogContains("[child] handler loaded");
    }

    @Test
    void a_function_jvm_on_the_serial_collector_reports_both_of_its_collectors() throws Exception {
        start("", "-XX:+UseSerialGC");
        awaitLog("listening on port");

        HttpResponse<String> reply = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());

        Scrape scrape = new Scrape(reply.body());
        for (String gc : List.of("Copy", "MarkSweepCompact")) {
            assertTrue(scrape.value("jvm_gc_collection_seconds_count{gc=\"" + gc + "\"}").isPresent(), gc + " in\n" + scrape);
            assertTrue(scrape.value("jvm_gc_collection_seconds_sum{gc=\"" + gc + "\"}").isPresent(), gc + " in\n" + scrape);
        }
    }

    private void start(String startMode, String... jvmFlags) throws IOException {
        Path services = dir.resolve("services/META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve("com.openfaas.model.AbstractHandler"), ChildHandler.class.getName() + "\n");
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        log = dir.resolve("child.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx32m", "-XX:TieredStopAtLevel=1"));
        command.addAll(List.of(jvmFlags));
        command.addAll(List.of("-Dchild.start=" + startMode,
                "-cp", System.getProperty("java.class.path") + File.pathSeparator + dir.resolve("services"),
                App.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("upstream_port", Integer.toString(port));
        child = builder.start();
    }

    private CompletableFuture<HttpResponse<String>> send(String action) {
        return client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/?action=" + action))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void awaitLog(String line) throws Exception {
        long deadline = System.nanoTime() + EXIT_WITHIN.toNanos();
        while (!logText().contains(line)) {
            assertTrue(child.isAlive(), "the child exited before logging '" + line + "':\n" + logText());
            assertTrue(System.nanoTime() < deadline, "no '" + line + "' in the child's log:\n" + logText());
            Thread.sleep(10);
        }
    }

    private void assertExitStatus(int expected) throws Exception {
        assertTrue(child.waitFor(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS), "the child is still running:\n" + logText());
        assertEquals(expected, child.exitValue(), "exit status; log:\n" + logText());
    }

    private void assertLogContains(String text) throws IOException {
        String all = logText();
        assertTrue(all.contains(text), "no '" + text + "' in the child's log:\n" + all);
    }

    private String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}

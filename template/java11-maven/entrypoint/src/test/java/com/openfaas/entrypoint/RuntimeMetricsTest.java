package com.openfaas.entrypoint;

import com.openfaas.model.AbstractHandler;
import com.openfaas.model.IRequest;
import com.openfaas.model.IResponse;
import com.openfaas.model.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every function's {@code GET /metrics} says about its JVM, its process, its handler pool and the machine. */
class RuntimeMetricsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private FunctionServer server;
    private String url;

    /** A handler whose {@code ?action=hold} waits until the test releases it, like a door call waiting for a door. */
    private final AbstractHandler holding = new AbstractHandler() {
        @Override
        public IResponse Handle(IRequest request) {
            if ("action=hold".equals(request.getQueryRaw())) {
                entered.countDown();
                try {
                    release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Response response = new Response();
            response.setStatusCode(200);
            response.setContentType(InvocationExchange.JSON);
            response.setBody("{}");
            return response;
        }
    };

    private void start(int threads, int queue) throws Exception {
        server = FunctionServer.bind(new EntrypointSettings(0, threads, queue, 1024));
        server.serve(holding);
        url = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop();
        }
    }

    private Scrape scrape() throws Exception {
        HttpResponse<String> reply = client.send(HttpRequest.newBuilder(URI.create(url + "/metrics")).timeout(WAIT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reply.statusCode(), reply.body());
        return new Scrape(reply.body());
    }

    private CompletableFuture<HttpResponse<String>> call(String action) {
        return client.sendAsync(HttpRequest.newBuilder(URI.create(url + "/?action=" + action)).timeout(WAIT)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The gauge's value read in-process, without a request that would itself take a pool thread. */
    private double gauge(String name) {
        return server.runtimeMetrics().get().stream().filter(metric -> metric.getMetadata().getPrometheusName().equals(name))
                .flatMap(metric -> metric.getDataPoints().stream())
                .mapToDouble(point -> ((io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot) point).getValue())
                .findFirst().orElseThrow(() -> new AssertionError("no " + name));
    }

    private static void awaitValue(String what, double expected, DoubleSupplier value) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        double got = value.getAsDouble();
        while (got != expected) {
            assertTrue(System.nanoTime() < deadline, what + ": expected " + expected + ", got " + got);
            Thread.sleep(5);
            got = value.getAsDouble();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "jvm_memory_used_bytes{area=\"heap\"}", "jvm_memory_used_bytes{area=\"nonheap\"}",
            "jvm_memory_committed_bytes{area=\"heap\"}", "jvm_memory_committed_bytes{area=\"nonheap\"}",
            "jvm_memory_max_bytes{area=\"heap\"}", "jvm_memory_max_bytes{area=\"nonheap\"}",
            "jvm_memory_pool_used_bytes{pool=\"Metaspace\"}", "jvm_memory_pool_max_bytes{pool=\"Metaspace\"}",
            "jvm_threads_current", "process_resident_memory_bytes", "process_start_time_seconds", "process_cpu_seconds_total",
            "cacifo_handler_threads", "cacifo_handler_threads_busy", "cacifo_handler_queue_capacity", "cacifo_handler_queue_waiting",
            "cacifo_machine_memory_total_bytes", "cacifo_machine_memory_available_bytes",
    })
    @EnabledOnOs(OS.LINUX)
    void a_scrape_has_the_series(String series) throws Exception {
        start(2, 4);

        Scrape scrape = scrape();

        assertTrue(scrape.value(series).isPresent(), "no " + series + " in\n" + scrape);
    }

    @Test
    void gc_time_and_count_come_for_each_of_the_jvm_s_collectors() throws Exception {
        start(2, 4);

        Scrape scrape = scrape();

        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            String labels = "{gc=\"" + gc.getName() + "\"}";
            assertTrue(scrape.value("jvm_gc_collection_seconds_count" + labels).isPresent(), "no count for " + labels + "\n" + scrape);
            assertTrue(scrape.value("jvm_gc_collection_seconds_sum" + labels).isPresent(), "no sum for " + labels + "\n" + scrape);
        }
    }

    @Test
    void the_pool_s_size_and_queue_are_the_settings() throws Exception {
        start(3, 7);

        Scrape scrape = scrape();

        assertEquals(3.0, scrape.value("cacifo_handler_threads").orElseThrow());
        assertEquals(7.0, scrape.value("cacifo_handler_queue_capacity").orElseThrow());
    }

    @Test
    void an_idle_function_has_no_busy_thread_even_while_it_is_being_scraped() throws Exception {
        start(2, 4);

        Scrape scrape = scrape();

        assertEquals(0.0, scrape.value("cacifo_handler_threads_busy").orElseThrow(), scrape.body);
        assertEquals(0.0, scrape.value("cacifo_handler_queue_waiting").orElseThrow(), scrape.body);
    }

    @Test
    void a_call_held_in_the_handler_is_one_busy_thread_until_it_answers() throws Exception {
        start(2, 4);
        CompletableFuture<HttpResponse<String>> held = call("hold");
        assertTrue(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the call never reached the handler");

        Scrape during = scrape();
        release.countDown();

        assertEquals(1.0, during.value("cacifo_handler_threads_busy").orElseThrow(), during.body);
        assertEquals(200, held.get(WAIT.toSeconds(), TimeUnit.SECONDS).statusCode());
        // The reply may reach the client a moment before the thread leaves the call.
        awaitValue("busy after the answer", 0, () -> gauge("cacifo_handler_threads_busy"));
    }

    @Test
    void a_call_that_finds_every_thread_busy_is_counted_as_waiting() throws Exception {
        start(1, 4);
        CompletableFuture<HttpResponse<String>> held = call("hold");
        assertTrue(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the call never reached the handler");

        CompletableFuture<HttpResponse<String>> queued = call("next");
        awaitValue("waiting while the only thread is held", 1, () -> gauge("cacifo_handler_queue_waiting"));
        assertEquals(1.0, gauge("cacifo_handler_threads_busy"));
        release.countDown();

        assertEquals(200, held.get(WAIT.toSeconds(), TimeUnit.SECONDS).statusCode());
        assertEquals(200, queued.get(WAIT.toSeconds(), TimeUnit.SECONDS).statusCode());
        awaitValue("waiting once both are answered", 0, () -> gauge("cacifo_handler_queue_waiting"));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void the_resident_set_is_the_kernel_s_vmrss_of_this_process() throws Exception {
        start(2, 4);

        double scraped = scrape().value("process_resident_memory_bytes").orElseThrow();
        long kernel = vmRssBytes();

        // Read a moment apart, while this JVM keeps allocating: within 10 %, not to the byte.
        assertTrue(Math.abs(scraped - kernel) <= 0.10 * kernel, "scraped " + scraped + " against VmRSS " + kernel);
    }

    @Test
    void the_expensive_thread_series_are_left_out() throws Exception {
        start(2, 4);

        Scrape scrape = scrape();

        for (String skipped : RuntimeMetrics.SKIPPED) {
            assertFalse(scrape.has(skipped), skipped + " in\n" + scrape);
        }
        assertTrue(scrape.has("jvm_threads_daemon"), scrape.body);
    }

    @Test
    void a_scrape_reveals_no_command_line_property_or_path_of_the_jvm() throws Exception {
        String secret = "s3cr3t-" + System.nanoTime();
        System.setProperty("cacifo.test.secret", secret);
        try {
            start(2, 4);

            Scrape scrape = scrape();

            for (String hidden : new String[] {secret, System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0],
                    System.getProperty("user.dir"), System.getProperty("java.home"), "-Xmx", "-XX:"}) {
                assertFalse(scrape.body.contains(hidden), "'" + hidden + "' in\n" + scrape);
            }
            for (String series : scrape.series.keySet()) {
                assertTrue(series.startsWith("jvm_") || series.startsWith("process_") || series.startsWith("cacifo_"),
                        "a series from elsewhere: " + series);
            }
        } finally {
            System.clearProperty("cacifo.test.secret");
        }
    }

    private static long vmRssBytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.split("\\s+")[1]) * 1024;
            }
        }
        throw new AssertionError("no VmRSS in /proc/self/status");
    }
}

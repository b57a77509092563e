package io.cacifo.simulator;

import io.cacifo.kit.config.Config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A simulator started in-process on a free port, and a real HTTP client to talk to it. */
final class RunningSimulator implements AutoCloseable {
    static final String LAYOUT = "1:SMALL,2:SMALL,3:MEDIUM,4:MEDIUM,5:LARGE,6:EXTRA_LARGE";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final DoorSimulator simulator;
    private final URI base;

    private RunningSimulator(DoorSimulator simulator) {
        this.simulator = simulator;
        this.base = URI.create("http://127.0.0.1:" + simulator.port());
    }

    /** Six doors, no signing key, a gateway nobody listens on; {@code overrides} replace any of these. */
    static RunningSimulator start(Path secretsDir, Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>();
        settings.put("SIM_PORT", "0");
        settings.put("SIM_DOORS", LAYOUT);
        settings.put("secrets_dir", secretsDir.toString());
        settings.put("gateway_url", "http://127.0.0.1:" + closedPort());
        settings.putAll(overrides);
        return new RunningSimulator(DoorSimulator.create(SimulatorSettings.from(Config.of(settings))).start());
    }

    /** A port that was free a moment ago: nothing listens there. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpReply get(String path) {
        return send(request(path).GET().build());
    }

    HttpReply post(String path) {
        return post(path, "");
    }

    HttpReply post(String path, String jsonBody) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)).build());
    }

    HttpReply send(String method, String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A POST sent now whose answer comes later: a long poll. */
    CompletableFuture<HttpReply> postLater(String path) {
        return HTTP.sendAsync(request(path).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).thenApply(HttpReply::new);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    }

    private static HttpReply send(HttpRequest request) {
        try {
            return new HttpReply(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        simulator.stop();
    }
}

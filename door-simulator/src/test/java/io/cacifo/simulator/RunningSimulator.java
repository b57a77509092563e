package io.cacifo.simulator;

import io.cacifo.kit.config.Config;
import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.RequestSigner;
import io.cacifo.simulator.board.AutoCloseTimer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A simulator started in-process on a free port, and a real HTTP client to talk to it. Calls to the
 * board API ({@code /board/...}, {@code /api}) are signed with {@link #BOARD_KEY} as door-io signs
 * them; {@link #sendWith} sends exactly the headers it is given, to play anyone else.
 */
final class RunningSimulator implements AutoCloseable {
    static final String LAYOUT = "1:SMALL,2:SMALL,3:MEDIUM,4:MEDIUM,5:LARGE,6:EXTRA_LARGE";
    /** The lock-board-key written into the secrets folder unless the test wrote one itself. */
    static final String BOARD_KEY = "board-key-for-the-simulator-tests-0123456789";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final DoorSimulator simulator;
    private final URI base;
    private final RequestSigner door = RequestSigner.forLockBoard(new HmacKey(BOARD_KEY), Clock.systemUTC());

    private RunningSimulator(DoorSimulator simulator) {
        this.simulator = simulator;
        this.base = URI.create("http://127.0.0.1:" + simulator.port());
    }

    /** Six doors, {@link #BOARD_KEY}, no internal key, a gateway nobody listens on; {@code overrides} replace any of these. */
    static RunningSimulator start(Path secretsDir, Map<String, String> overrides) {
        return start(secretsDir, overrides, AutoCloseTimer.threaded());
    }

    /** As above, with the doors' auto-close run by {@code autoCloser}. */
    static RunningSimulator start(Path secretsDir, Map<String, String> overrides, AutoCloseTimer autoCloser) {
        writeBoardKey(secretsDir);
        return new RunningSimulator(create(secretsDir, overrides, autoCloser).start());
    }

    /** The simulator built but not started, with exactly the secrets the folder holds. */
    static DoorSimulator create(Path secretsDir, Map<String, String> overrides) {
        return create(secretsDir, overrides, AutoCloseTimer.threaded());
    }

    private static DoorSimulator create(Path secretsDir, Map<String, String> overrides, AutoCloseTimer autoCloser) {
        Map<String, String> settings = new HashMap<>();
        settings.put("SIM_PORT", "0");
        settings.put("SIM_DOORS", LAYOUT);
        settings.put("secrets_dir", secretsDir.toString());
        settings.put("gateway_url", "http://127.0.0.1:" + closedPort());
        settings.putAll(overrides);
        return DoorSimulator.create(SimulatorSettings.from(Config.of(settings)), autoCloser);
    }

    private static void writeBoardKey(Path secretsDir) {
        Path file = secretsDir.resolve("lock-board-key");
        try {
            if (!Files.exists(file)) {
                Files.writeString(file, BOARD_KEY + "\n", StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port that was free a moment ago: nothing listens there. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This simulator's origin, as its own page's requests carry it in {@code Origin}. */
    String origin() {
        return base.toString();
    }

    HttpReply get(String path) {
        return send(signedIfBoard(request(path), "GET", path, "").GET().build());
    }

    HttpReply post(String path) {
        return post(path, "");
    }

    HttpReply post(String path, String jsonBody) {
        return send("POST", path, "application/json", jsonBody);
    }

    HttpReply send(String method, String path, String contentType, String body) {
        return send(signedIfBoard(request(path), method, path, body).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Exactly these headers and no signature of ours: an unsigned caller, a forger, a browser on another site. */
    HttpReply sendWith(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = request(path);
        headers.forEach(request::header);
        return send(request.method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The headers door-io would send with this call. */
    Map<String, String> boardSignature(String method, String path, String body) {
        URI uri = base.resolve(path);
        return door.headers(method, uri.getRawPath(), uri.getRawQuery(), body);
    }

    /** A POST sent now whose answer comes later: a long poll. */
    CompletableFuture<HttpReply> postLater(String path) {
        return HTTP.sendAsync(signedIfBoard(request(path), "POST", path, "").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).thenApply(HttpReply::new);
    }

    /** Returns once {@code count} waits on the door are parked on the board, not merely sent; fails after 30 s. */
    void awaitWaiting(int door, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (simulator.board().waiting(door) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(simulator.board().waiting(door) + " waits on door " + door
                        + " reached the board in 30 s, not " + count);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private HttpRequest.Builder signedIfBoard(HttpRequest.Builder request, String method, String path, String body) {
        if (path.startsWith("/board/") || path.equals("/board") || path.equals("/api")) {
            boardSignature(method, path, body).forEach(request::header);
        }
        return request;
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

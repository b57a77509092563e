package io.cacifo.doorio;

import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.json.Json;
import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.HmacVerifier;
import io.cacifo.kit.testing.FakeHttpServer;
import io.cacifo.kit.testing.FakeHttpServer.Reply;
import io.cacifo.kit.testing.FakeHttpServer.Request;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The simulator's board API over real HTTP on a free port, backed by a {@link FakeLockBoard}; a test
 * can instead script one raw answer (status, body, delay) for every request, to play a broken board.
 * Like the simulator, it obeys only calls signed with its {@code lock-board-key} ({@link #KEY} unless
 * started with another) and answers anything else 401.
 */
final class FakeBoardServer implements AutoCloseable {
    /** The lock-board-key a door-io under test signs with. */
    static final String KEY = "b".repeat(64);
    private static final Pattern PATH = Pattern.compile("/board/doors/([0-9]+)(/open|/wait-closed)?");

    final FakeLockBoard board;
    private final HmacVerifier verifier;
    private final FakeHttpServer server;
    private volatile int scriptedStatus;
    private volatile String scriptedBody;
    private volatile Duration scriptedDelay = Duration.ZERO;
    private final List<String> signals = new CopyOnWriteArrayList<>();

    private FakeBoardServer(FakeLockBoard board, String key) {
        this.board = board;
        this.verifier = HmacVerifier.forLockBoard(List.of(new HmacKey(key)), Clock.systemUTC(), 30);
        this.server = FakeHttpServer.start("fake-board", this::serve);
    }

    static FakeBoardServer start(FakeLockBoard board) {
        return new FakeBoardServer(board, KEY);
    }

    /** A board holding {@code key}, which door-io may not share. */
    static FakeBoardServer start(FakeLockBoard board, String key) {
        return new FakeBoardServer(board, key);
    }

    URI url() {
        return server.url();
    }

    /** From now on every request gets this answer, after {@code delay}. */
    void script(int status, String body, Duration delay) {
        scriptedDelay = delay;
        scriptedBody = body;
        scriptedStatus = status;
    }

    /** Each request as "METHOD path?query", in arrival order. */
    List<String> requests() {
        return server.requests().stream().map(request -> request.method + " " + request.path
                + (request.query == null ? "" : "?" + request.query)).collect(Collectors.toList());
    }

    /** The body of each open call, in arrival order. */
    List<String> openBodies() {
        return List.copyOf(signals);
    }

    private Reply serve(Request request) throws InterruptedException {
        try {
            verifier.verify(request.method, request.path, request.query, request.headers, request.body);
        } catch (ApiException refused) {
            return Reply.json(refused.status(), Json.write(Map.of("error", refused.error(), "message", refused.getMessage())));
        }
        if (scriptedStatus != 0) {
            Thread.sleep(scriptedDelay.toMillis());
            return Reply.json(scriptedStatus, scriptedBody);
        }
        Matcher path = PATH.matcher(request.path);
        if (!path.matches()) {
            return Reply.json(404, "{\"error\":\"not_found\"}");
        }
        int door = Integer.parseInt(path.group(1));
        String action = path.group(2) == null ? "" : path.group(2);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("door", door);
        try {
            if ("/open".equals(action)) {
                signals.add(request.body);
                try {
                    board.open(door);
                    reply.put("open", true);
                } catch (DoorJammedException jammed) {
                    reply.put("open", false);
                    reply.put("fault", jammed.fault());
                }
            } else if ("/wait-closed".equals(action)) {
                long timeout = Long.parseLong(request.query.replace("timeout_ms=", ""));
                reply.put("closed", board.waitClosed(door, Duration.ofMillis(timeout)));
            } else {
                DoorStatus status = board.status(door);
                reply.put("open", status.open());
                reply.put("occupied", status.occupied());
                reply.put("fault", status.fault());
            }
            return Reply.json(200, Json.write(reply));
        } catch (UnknownDoorException e) {
            return Reply.json(404, "{\"error\":\"not_found\"}");
        } catch (BoardUnavailableException e) {
            return Reply.json(500, "{\"error\":\"internal\"}");
        }
    }

    @Override
    public void close() {
        server.close();
    }
}

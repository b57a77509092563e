package io.cacifo.doorio;

import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.http.BlockingHttp;
import io.cacifo.kit.json.Body;
import io.cacifo.kit.json.Json;
import io.cacifo.kit.security.RequestSigner;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The lock board reached over HTTP, as the door simulator (and a board bridge) serve it:
 *
 * <pre>
 * POST /board/doors/{n}/open  {"signal":true}       200 {"door":n,"open":true}, or {"door":n,"open":false,"fault":"jammed"};
 *                                                   404 unknown door
 * POST /board/doors/{n}/wait-closed?timeout_ms=T    200 {"door":n,"closed":true|false} (long poll)
 * GET  /board/doors/{n}                             200 {"door":n,"open":bool,"occupied":bool,"fault":"jammed"|null}
 * </pre>
 *
 * Every call is signed with {@code lock-board-key} ({@link RequestSigner#forLockBoard}: method, path,
 * query, timestamp, nonce and body), and the board obeys nothing else: the simulator checks it, and a
 * real board's bridge must too (door-simulator/README.md). Calls go through {@link BlockingHttp},
 * whose keep-alive keeps the connection to the board open.
 * Failure behaviour: as {@link LockBoard} says; an open answered {@code "open":false} or with a
 * fault is {@link DoorJammedException}; a 404 is {@link UnknownDoorException}, any other
 * status (a 401: the board refused the signature), a malformed reply, a refused connection or a
 * timeout is {@link BoardUnavailableException}.
 */
public final class HttpLockBoard implements LockBoard {
    /** Door numbers as the doors table allows them; anything else never reaches a URL. */
    static final int MAX_DOOR = 9999;
    private static final String EMPTY_OBJECT = Json.write(Map.of());
    /** Every open asks the board to show the door (light and tone), so a person finds the one that opened. */
    private static final String SIGNALLED = Json.write(Map.of("signal", true));
    /** A fault is passed on to the controller and the logs, so only a short lower-case word is taken. */
    private static final Pattern FAULT = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    private final String base;
    private final RequestSigner signer;
    private final Duration callTimeout;
    private final Duration waitMargin;

    /**
     * {@code callTimeout} bounds open and status; a wait-closed call may take its own timeout plus
     * {@code waitMargin}, so the board's "still open" answer at the deadline arrives before we give up.
     */
    public HttpLockBoard(URI boardUrl, RequestSigner signer, Duration callTimeout, Duration waitMargin) {
        String url = boardUrl.toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.signer = signer;
        this.callTimeout = callTimeout;
        this.waitMargin = waitMargin;
    }

    @Override
    public void open(int door) {
        Optional<String> fault = ask(door, "POST", uri(door, "/open", ""), SIGNALLED, callTimeout, reply -> {
            boolean open = reply.flag("open");
            Optional<String> named = fault(door, reply);
            return named.isPresent() || open ? named : Optional.of(DoorJammedException.NOT_OPENED);
        });
        if (fault.isPresent()) {
            throw new DoorJammedException(door, fault.get());
        }
    }

    @Override
    public boolean waitClosed(int door, Duration timeout) {
        long millis = Math.max(0, timeout.toMillis());
        return ask(door, "POST", uri(door, "/wait-closed", "?timeout_ms=" + millis), EMPTY_OBJECT,
                Duration.ofMillis(millis).plus(waitMargin), reply -> reply.flag("closed"));
    }

    @Override
    public DoorStatus status(int door) {
        return ask(door, "GET", uri(door, "", ""), "", callTimeout,
                reply -> new DoorStatus(door, reply.flag("open"), reply.flag("occupied"), fault(door, reply).orElse(null)));
    }

    /** The board's fault for the door, if it names one; anything but a short word is an unreadable reply. */
    private static Optional<String> fault(int door, Body reply) {
        Optional<String> fault = reply.optionalText("fault", 32);
        if (fault.isPresent() && !FAULT.matcher(fault.get()).matches()) {
            throw new BoardUnavailableException("the board named an unreadable fault for door " + door);
        }
        return fault;
    }

    private URI uri(int door, String action, String query) {
        if (door < 1 || door > MAX_DOOR) {
            throw new IllegalArgumentException("a door number is 1 to " + MAX_DOOR + ", got " + door);
        }
        return URI.create(base + "/board/doors/" + door + action + query);
    }

    /** Sends one signed call and reads its answer through {@code read}; an answer it cannot read is the board unavailable. */
    private <T> T ask(int door, String method, URI uri, String request, Duration timeout, Function<Body, T> read) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        signer.headers(method, uri.getRawPath(), uri.getRawQuery(), request).forEach((name, value) -> headers.put(name, List.of(value)));
        BlockingHttp.Reply response;
        try {
            response = BlockingHttp.send(uri, method, headers, request.getBytes(StandardCharsets.UTF_8), callTimeout, timeout);
        } catch (BlockingHttp.NoReplyInTime e) {
            throw new BoardUnavailableException("the board did not answer in time for door " + door, e);
        } catch (IOException e) {
            throw new BoardUnavailableException("the board could not be reached for door " + door + ": " + e, e);
        }
        if (response.status() == 404) {
            throw new UnknownDoorException(door);
        }
        if (response.status() == 401) {
            throw new BoardUnavailableException("the board refused door-io's signature for door " + door
                    + " (is lock-board-key the same on both sides, and are their clocks within 30 s?)");
        }
        if (response.status() != 200) {
            throw new BoardUnavailableException("the board answered HTTP " + response.status() + " for door " + door);
        }
        try {
            return read.apply(Body.ofReply(response.text()));
        } catch (ApiException unreadable) {
            throw new BoardUnavailableException("the board's reply for door " + door + ": " + unreadable.getMessage());
        }
    }
}

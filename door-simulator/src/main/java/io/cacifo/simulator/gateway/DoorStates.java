package io.cacifo.simulator.gateway;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.http.GatewayClient;
import io.cacifo.kit.http.GatewayReply;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The state door-manager keeps for each door (FREE, OCCUPIED, OUT_OF_SERVICE), from its signed
 * {@code list} action through the gateway, kept for about a second so a page polling every second
 * (or several pages) costs door-manager at most one list a second.
 *
 * <p>Failure behaviour: never throws. Without a signing key, or when door-manager cannot be
 * reached or refuses, every door is {@link #UNKNOWN} and {@link Snapshot#source()} says why.
 */
public final class DoorStates {
    public static final String UNKNOWN = "UNKNOWN";
    static final Set<String> KNOWN = Set.of("FREE", "OCCUPIED", "OUT_OF_SERVICE");
    static final int PAGE = 500;
    /** door ids go up to 9999, so 20 pages of 500 hold every door. */
    private static final int MAX_PAGES = 20;
    private static final long MAX_AGE_NANOS = Duration.ofSeconds(1).toNanos();
    /** Shorter than the page's poll-and-wait so a hung gateway does not pile up page requests. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(DoorStates.class.getName());

    private final Optional<GatewayClient> gateway;
    private final LongSupplier nanoClock;
    private Snapshot last;
    private long fetchedAt;

    /** {@code gateway} empty: no {@code internal-hmac-key}, so door-manager is never asked. */
    public DoorStates(Optional<GatewayClient> gateway, LongSupplier nanoClock) {
        this.gateway = gateway;
        this.nanoClock = nanoClock;
    }

    /** The states, fetched at most once per second; callers arriving during a fetch wait for it and share it. */
    public synchronized Snapshot current() {
        long now = nanoClock.getAsLong();
        if (last == null || now - fetchedAt >= MAX_AGE_NANOS) {
            last = fetch();
            fetchedAt = nanoClock.getAsLong();
        }
        return last;
    }

    private Snapshot fetch() {
        if (gateway.isEmpty()) {
            return new Snapshot(Map.of(), Source.NO_KEY);
        }
        try {
            Map<Integer, String> states = new HashMap<>();
            long afterId = 0;
            for (int page = 0; page < MAX_PAGES; page++) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("after_id", afterId);
                body.put("limit", PAGE);
                GatewayReply reply = gateway.get().call("door-manager", "list", body, CALL_TIMEOUT);
                if (!reply.isSuccess()) {
                    return failed("door-manager list answered HTTP " + reply.status() + " " + reply.error());
                }
                int count = readPage(reply.json(), states);
                if (count < PAGE) {
                    break;
                }
                afterId = states.keySet().stream().mapToLong(Integer::longValue).max().orElse(afterId);
            }
            if (last == null || last.source() != Source.DOOR_MANAGER) {
                LOG.info("[simulator] door states: reading them from door-manager");
            }
            return new Snapshot(states, Source.DOOR_MANAGER);
        } catch (ApiException e) {
            return failed("door-manager: " + e.error() + ": " + e.getMessage());
        }
    }

    /** Adds each well-formed door of one page; a door with an odd state stays UNKNOWN. Returns the page's length. */
    private static int readPage(JsonObject reply, Map<Integer, String> states) {
        JsonElement doors = reply.get("doors");
        if (doors == null || !doors.isJsonArray()) {
            return 0;
        }
        JsonArray array = doors.getAsJsonArray();
        for (JsonElement element : array) {
            if (!element.isJsonObject()) {
                continue;
            }
            JsonObject door = element.getAsJsonObject();
            Optional<Integer> id = integer(door.get("id"));
            JsonElement state = door.get("state");
            if (id.isPresent() && state != null && state.isJsonPrimitive() && KNOWN.contains(state.getAsString())) {
                states.put(id.get(), state.getAsString());
            }
        }
        return array.size();
    }

    private static Optional<Integer> integer(JsonElement value) {
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            return Optional.empty();
        }
        try {
            return Optional.of(value.getAsJsonPrimitive().getAsBigDecimal().intValueExact());
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    private Snapshot failed(String why) {
        // Once per outage, not once per second.
        if (last == null || last.source() != Source.UNAVAILABLE) {
            LOG.warning("[simulator] door states unknown: " + why);
        }
        return new Snapshot(Map.of(), Source.UNAVAILABLE);
    }

    /** Where the states came from: door-manager, nowhere because no key is set, or nowhere because it failed. */
    public enum Source {
        DOOR_MANAGER, NO_KEY, UNAVAILABLE
    }

    /** The states at one fetch. */
    public static final class Snapshot {
        private final Map<Integer, String> states;
        private final Source source;

        Snapshot(Map<Integer, String> states, Source source) {
            this.states = Map.copyOf(states);
            this.source = source;
        }

        /** FREE, OCCUPIED, OUT_OF_SERVICE, or UNKNOWN for a door door-manager did not name. */
        public String of(int door) {
            return states.getOrDefault(door, UNKNOWN);
        }

        public Source source() {
            return source;
        }
    }
}

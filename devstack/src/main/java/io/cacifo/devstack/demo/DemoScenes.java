package io.cacifo.devstack.demo;

import io.cacifo.backend.ClearCodes;
import io.cacifo.backend.LockerClient;
import io.cacifo.kit.http.GatewayReply;
import io.cacifo.kit.json.Json;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The exceptions a real locker lives on, set up by the demo beside {@link DemoData}'s parcels, so a
 * new user sees them in a minute (issue 14): a stored parcel whose pick-up time has ended (its
 * pick-up code says so; its back-up code returns it to the sender) and an arriving parcel whose door
 * is jammed (its deposit code gives it another door). Made the way the back-end would: insert, the
 * deposit by {@code disable}, and the deadline moved into the past by {@code update}, so nobody waits
 * {@code pickup_days}. The jammed door is the simulator's ({@link #JAMMED_DOOR}, SIM_JAMMED_DOORS).
 * A refusal is a warning naming the status and error, never a code; the scene is then left out.
 */
public final class DemoScenes {
    private static final Logger LOG = Logger.getLogger(DemoScenes.class.getName());
    /** A small door beside DemoData's door 1, so the parcel moves to door 3, the next free small one. */
    public static final int JAMMED_DOOR = 2;
    private static final int EXPIRED_DOOR = 4;
    /** How far in the past the expired parcel's deadline is put: any past time ends it at once. */
    private static final Duration PAST = Duration.ofMinutes(1);

    private final LockerClient backend;
    private final Clock clock;

    public DemoScenes(LockerClient backend, Clock clock) {
        this.backend = backend;
        this.clock = clock;
    }

    /** The simulator's SIM_JAMMED_DOORS for the scenes. */
    public static String jammedDoors() {
        return Integer.toString(JAMMED_DOOR);
    }

    /** Sets the scenes up on a locker that has DemoData's doors; returns those that could be made. */
    public List<DemoScene> load() {
        List<DemoScene> scenes = new ArrayList<>();
        expired().ifPresent(scenes::add);
        jammed().ifPresent(scenes::add);
        return scenes;
    }

    private Optional<DemoScene> expired() {
        Optional<DemoParcel> made = create("DEMO-0004", EXPIRED_DOOR);
        if (made.isEmpty()) {
            return Optional.empty();
        }
        DemoParcel parcel = made.get();
        Map<String, Object> deadline = new LinkedHashMap<>();
        deadline.put("id", parcel.reservationId());
        deadline.put("expires_at", Instant.now(clock).minus(PAST).toString());
        if (!ok(parcel, "deposit", "disable", Map.of("code", parcel.depositCode()))
                || !ok(parcel, "deadline", "update", deadline)) {
            return Optional.empty();
        }
        return Optional.of(new DemoScene(parcel, "its pick-up time has ended: pick-up code " + parcel.pickupCode()
                + " says so; back-up code " + parcel.backupCode() + " opens door " + EXPIRED_DOOR
                + " for the courier and, once it is closed, returns the parcel to the sender"));
    }

    private Optional<DemoScene> jammed() {
        return create("DEMO-0005", JAMMED_DOOR).map(parcel -> new DemoScene(parcel, "door " + JAMMED_DOOR + " is jammed: deposit code "
                + parcel.depositCode() + " takes it out of service and opens another door of its size"));
    }

    /** Inserts the parcel (door {@code door}, codes by DemoData's rule); empty, with a warning, when refused. */
    private Optional<DemoParcel> create(String externalId, int door) {
        ClearCodes codes = ClearCodes.of(DemoData.code(1, door), DemoData.code(2, door), DemoData.code(3, door));
        return DemoData.created("reservation-manager", () -> backend.createParcel(externalId, door, null, null, codes))
                .map(id -> new DemoParcel(id, externalId, door, DemoData.code(1, door), DemoData.code(2, door),
                        DemoData.code(3, door)));
    }

    /** One reservation-manager call the back-end makes for {@code parcel}; false (with a warning) when refused. */
    private boolean ok(DemoParcel parcel, String step, String action, Map<String, Object> body) {
        GatewayReply reply;
        try {
            reply = backend.call("reservation-manager", action, Json.write(body));
        } catch (UncheckedIOException e) {
            LOG.warning("[demo] " + parcel.externalId() + " " + step + " failed: " + e.getMessage());
            return false;
        }
        if (!reply.isSuccess()) {
            LOG.warning("[demo] " + parcel.externalId() + " " + step + " answered " + reply.status() + " " + reply.error());
        }
        return reply.isSuccess();
    }
}

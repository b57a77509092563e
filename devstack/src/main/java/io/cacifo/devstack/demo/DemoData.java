package io.cacifo.devstack.demo;

import io.cacifo.backend.LockerClient;
import io.cacifo.backend.ClearCodes;
import io.cacifo.kit.http.GatewayReply;
import io.cacifo.kit.json.Json;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Fills a fresh locker through the gateway as the central back-end does (docs/api.md, who may call
 * what): every insert signed with the back-end's EC key by {@link LockerClient}, and the parcels'
 * codes sealed for the locker's RSA key. Two partners, the doors of the layout, a courier and a
 * customer, and three parcels with fixed codes that the demo prints (10 digits: 1/2/3 for
 * deposit/pick-up/back-up, then the door number, e.g. 1000000001). A function that does not run
 * leaves its part out, with a warning; a refusal from a running one is a warning too, naming the
 * status and error, and the parcel list then holds only what was made. No warning names a code.
 */
public final class DemoData {
    private static final Logger LOG = Logger.getLogger(DemoData.class.getName());
    /** One parcel per door size that has doors, so the demo opens doors of different sizes. */
    private static final int[] PARCEL_DOORS = {1, 5, 9};

    private final LockerClient backend;
    private final Set<String> running;

    /** {@code running}: the functions whose processes are up; parts needing others are skipped. */
    public DemoData(LockerClient backend, Set<String> running) {
        this.backend = backend;
        this.running = running;
    }

    /** The parcels as they should be; {@link #load} returns those it made. */
    public static List<DemoParcel> plannedParcels() {
        List<DemoParcel> parcels = new ArrayList<>();
        for (int i = 0; i < PARCEL_DOORS.length; i++) {
            int door = PARCEL_DOORS[i];
            parcels.add(new DemoParcel(0, String.format("DEMO-%04d", i + 1), door, code(1, door), code(2, door), code(3, door)));
        }
        return parcels;
    }

    /** Ten digits, the locker's policy length: the kind's digit, then the door number zero-padded. */
    static String code(int kind, int door) {
        return String.format("%d%09d", kind, door);
    }

    public List<DemoParcel> load(DoorLayout layout) {
        List<Long> partners = new ArrayList<>();
        if (has("partner-manager")) {
            insert("partner-manager", Map.of("name", "Livraria Demo", "contact_email", "books@example.org")).ifPresent(partners::add);
            insert("partner-manager", Map.of("name", "Moda Demo", "contact_email", "fashion@example.org")).ifPresent(partners::add);
        }
        boolean doors = false;
        if (has("door-manager")) {
            doors = true;
            for (int door : layout.doors()) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("id", door);
                body.put("size", layout.size(door));
                if (!partners.isEmpty()) {
                    // The first half of the doors rent to the first partner, the rest to the second.
                    body.put("partner_id", partners.get(door <= layout.doors().size() / 2 ? 0 : partners.size() - 1));
                }
                doors &= insert("door-manager", body).isPresent();
            }
        }
        Optional<Long> customer = Optional.empty();
        if (has("user-manager")) {
            insert("user-manager", Map.of("username", "courier.demo", "full_name", "Demo Courier", "role", "COURIER"));
            customer = insert("user-manager", Map.of("username", "customer.demo", "full_name", "Demo Customer",
                    "email", "customer@example.org", "role", "CUSTOMER"));
        }
        List<DemoParcel> made = new ArrayList<>();
        if (!has("reservation-manager")) {
            return made;
        }
        if (!doors) {
            LOG.warning("[demo] no parcels: the doors could not be made (door-manager not running or refused)");
            return made;
        }
        for (DemoParcel planned : plannedParcels()) {
            ClearCodes codes = ClearCodes.of(planned.depositCode(), planned.pickupCode(), planned.backupCode());
            Long owner = customer.orElse(null);
            created("reservation-manager", () -> backend.createParcel(planned.externalId(), planned.door(), owner, null, codes))
                    .ifPresent(id -> made.add(new DemoParcel(id, planned.externalId(), planned.door(),
                            planned.depositCode(), planned.pickupCode(), planned.backupCode())));
        }
        return made;
    }

    private boolean has(String function) {
        if (!running.contains(function)) {
            LOG.warning("[demo] " + function + " is not running: its demo data is left out");
            return false;
        }
        return true;
    }

    private Optional<Long> insert(String function, Map<String, Object> body) {
        return created(function, () -> backend.call(function, "insert", Json.write(body)));
    }

    /** The new row's id, or empty (with a warning) when the function refused or could not be reached. */
    static Optional<Long> created(String function, Supplier<GatewayReply> call) {
        GatewayReply reply;
        try {
            reply = call.get();
        } catch (UncheckedIOException e) {
            LOG.warning("[demo] " + function + " insert failed: " + e.getMessage());
            return Optional.empty();
        }
        if (reply.status() != 201 || !reply.json().has("id")) {
            LOG.warning("[demo] " + function + " insert answered " + reply.status() + " " + reply.error()
                    + " (see its log)");
            return Optional.empty();
        }
        return Optional.of(reply.json().get("id").getAsLong());
    }
}

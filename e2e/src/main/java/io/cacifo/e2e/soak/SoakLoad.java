package io.cacifo.e2e.soak;

import io.cacifo.backend.ClearCodes;
import io.cacifo.devstack.DevStack;
import io.cacifo.e2e.Locker;
import io.cacifo.e2e.Locker.Screen;
import io.cacifo.kit.http.GatewayReply;
import io.cacifo.kit.json.Json;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The soak's traffic: paced requests from a few workers, bounded by a deadline and a count, mixed
 * as a locker sees them: reads by the locker's own functions and the back-end (parcels, doors,
 * occupancy, users, partners, door status), cron's sync, and parcels going round their doors
 * (created by the back-end, deposited and picked up on the screen, the simulator closing each door
 * by itself). Every reply is checked; anything unexpected is an error.
 */
final class SoakLoad {
    /** A parcel that does not move within this long after its door opened is an error. */
    private static final long STUCK_NANOS = 20_000_000_000L;
    private static final int KEPT_ERRORS = 20;

    private final DevStack stack;
    private final Locker locker;
    private final ConcurrentLinkedQueue<DoorCycle> idleDoors = new ConcurrentLinkedQueue<>();
    private final List<DoorCycle> doors = new ArrayList<>();
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final LongAdder errorCount = new LongAdder();
    private final List<String> errors = new ArrayList<>();
    private final AtomicLong nextSlot;
    private final long intervalNanos;
    private final long deadline;
    private final long maxRequests;
    private final AtomicLong issued = new AtomicLong();
    private final AtomicLong lastReservation = new AtomicLong(1);

    SoakLoad(DevStack stack, List<Integer> spareDoors, double perSecond, long seconds) {
        this.stack = stack;
        this.locker = new Locker(stack);
        spareDoors.forEach(door -> doors.add(new DoorCycle(door)));
        idleDoors.addAll(doors);
        this.intervalNanos = (long) (1e9 / perSecond);
        this.nextSlot = new AtomicLong(System.nanoTime());
        this.deadline = System.nanoTime() + seconds * 1_000_000_000L;
        // Bounded in count as well as in time: at most 10 % over the paced number.
        this.maxRequests = (long) (perSecond * seconds * 1.1);
    }

    /** Runs {@code workers} threads until the deadline or the request bound, then returns. */
    void run(int workers) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            Thread thread = new Thread(this::work, "soak-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private void work() {
        while (claimSlot()) {
            try {
                double pick = ThreadLocalRandom.current().nextDouble();
                DoorCycle door = pick < 0.35 ? idleDoors.poll() : null;
                if (door != null) {
                    try {
                        step(door);
                    } finally {
                        if (door.step != null) {
                            idleDoors.add(door);
                        }
                    }
                } else if (pick >= 0.35 && pick < 0.40) {
                    sync();
                } else {
                    // Every door is in another worker's hands: this turn reads instead.
                    read();
                }
            } catch (RuntimeException e) {
                error("exception: " + e);
            }
        }
    }

    /** Waits for this worker's turn at the paced rate; false once time or the count is used up. */
    private boolean claimSlot() {
        if (issued.incrementAndGet() > maxRequests) {
            return false;
        }
        long slot = nextSlot.getAndAdd(intervalNanos);
        long wait = slot - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return System.nanoTime() < deadline;
    }

    private void step(DoorCycle door) {
        switch (door.step) {
            case CREATE: {
                ClearCodes codes = ClearCodes.random();
                GatewayReply reply = stack.lockerClient().createParcel("soak-" + door.door + "-" + System.nanoTime(),
                        door.door, null, null, codes);
                count("parcel created (back-end insert)", reply.status());
                if (reply.status() == 201) {
                    door.reservationId = reply.json().get("id").getAsLong();
                    lastReservation.set(door.reservationId);
                    door.codes = codes;
                    door.step = DoorCycle.Step.DEPOSIT;
                } else if (reply.status() != 409) {
                    // 409: a random code already in use; the next turn draws new ones.
                    error("insert on door " + door.door + ": " + reply.status() + " " + reply.body());
                }
                break;
            }
            case DEPOSIT:
                enter(door, door.codes.deposit(), DoorCycle.Step.AWAIT_STORED, "deposit code (screen)");
                break;
            case AWAIT_STORED:
                await(door, "IN_STORAGE", DoorCycle.Step.PICKUP);
                break;
            case PICKUP:
                enter(door, door.codes.pickup(), DoorCycle.Step.AWAIT_DELIVERED, "pick-up code (screen)");
                break;
            case AWAIT_DELIVERED:
                await(door, "DELIVERED", DoorCycle.Step.CREATE);
                break;
            default:
                throw new IllegalStateException("unknown step " + door.step);
        }
    }

    private void enter(DoorCycle door, String code, DoorCycle.Step next, String kind) {
        Screen reply = locker.enter(code, door.door % 2 == 0 ? "main" : "simulator");
        count(kind, reply.status);
        if (reply.status == 200) {
            door.step = next;
            door.waitingSince = System.nanoTime();
        } else if (!(reply.status == 409 && "door_busy".equals(reply.body.get("error").getAsString()))) {
            // door_busy: the last operation's journal is finishing; the next turn tries again.
            error(kind + " on door " + door.door + ": " + reply);
        }
    }

    private void await(DoorCycle door, String status, DoorCycle.Step next) {
        GatewayReply reply = stack.gatewayClient().call("reservation-manager", "get", Map.of("id", door.reservationId));
        count("parcel status (reservation-manager get)", reply.status());
        if (reply.status() != 200) {
            error("get parcel " + door.reservationId + ": " + reply.status() + " " + reply.body());
            return;
        }
        if (status.equals(reply.json().get("status").getAsString())) {
            if (next == DoorCycle.Step.CREATE) {
                door.completed++;
            }
            door.step = next;
        } else if (System.nanoTime() - door.waitingSince > STUCK_NANOS) {
            error("parcel " + door.reservationId + " on door " + door.door + " did not become " + status
                    + " within 20 s; the door is left out of the soak");
            door.step = null;
        }
    }

    private void sync() {
        HttpResponse<String> reply = locker.post(stack.gatewayUrl().resolve("/function/controller"), "");
        count("sync (cron, unsigned)", reply.statusCode());
        if (reply.statusCode() != 200) {
            error("sync: " + reply.statusCode() + " " + reply.body());
        }
    }

    private void read() {
        int which = ThreadLocalRandom.current().nextInt(7);
        String function;
        String action;
        Map<String, Object> body;
        switch (which) {
            case 0:
                function = "reservation-manager";
                action = "get";
                body = Map.of("id", lastReservation.get());
                break;
            case 1:
                function = "reservation-manager";
                action = "list";
                body = Map.of("limit", 20);
                break;
            case 2:
                function = "door-manager";
                action = "occupancy";
                body = Map.of();
                break;
            case 3:
                function = "door-manager";
                action = "list";
                body = Map.of();
                break;
            case 4:
                function = "user-manager";
                action = "list";
                body = Map.of("limit", 20);
                break;
            case 5:
                function = "partner-manager";
                action = "list";
                body = Map.of();
                break;
            default:
                function = "door-io";
                action = "status";
                body = Map.of("door_id", doors.get(ThreadLocalRandom.current().nextInt(doors.size())).door);
                break;
        }
        // Half by the locker's own key, half by the back-end's, as both read.
        GatewayReply reply = which != 6 && ThreadLocalRandom.current().nextBoolean()
                ? stack.lockerClient().call(function, action, Json.write(body))
                : stack.gatewayClient().call(function, action, body);
        count(function + " " + action, reply.status());
        if (reply.status() != 200) {
            error(function + " " + action + ": " + reply.status() + " " + reply.body());
        }
    }

    private void count(String kind, int status) {
        counts.computeIfAbsent(kind + " -> " + status, key -> new LongAdder()).increment();
    }

    private void error(String message) {
        errorCount.increment();
        synchronized (errors) {
            if (errors.size() < KEPT_ERRORS) {
                errors.add(message);
            }
        }
    }

    /** Requests per kind and status, sorted by name. */
    Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((kind, count) -> out.put(kind, count.sum()));
        return out;
    }

    long requests() {
        return counts().values().stream().mapToLong(Long::longValue).sum();
    }

    long errors() {
        return errorCount.sum();
    }

    List<String> firstErrors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    /** Parcels that went all the way round (created, deposited, picked up). */
    long parcelsDelivered() {
        return doors.stream().mapToLong(door -> door.completed).sum();
    }
}

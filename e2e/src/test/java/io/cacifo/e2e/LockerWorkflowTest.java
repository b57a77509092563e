package io.cacifo.e2e;

import io.cacifo.devstack.DevStack;
import io.cacifo.devstack.DevStackSettings;
import io.cacifo.devstack.Main;
import io.cacifo.devstack.demo.DemoParcel;
import io.cacifo.e2e.Locker.Parcel;
import io.cacifo.e2e.Locker.Screen;
import io.cacifo.kit.security.CodeHasher;
import io.cacifo.kit.security.Hex;
import io.cacifo.kit.security.HmacKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The locker's flows end to end: codes typed on the screen (screen-io through the gateway), doors
 * opened and closed on the simulator's lock board, parcels changed in MariaDB, events received by
 * the back-end stand-in. Seven function JVMs, the gateway, the simulator and MariaDB are real.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LockerWorkflowTest {
    /** Short, so the door-left-open case does not take the production 45 s. */
    private static final int DOOR_CLOSE_TIMEOUT_MS = 3000;
    private static final Duration SOON = Duration.ofSeconds(10);
    private static DevStack stack;
    private static Locker locker;
    private static final AtomicInteger nextDoor = new AtomicInteger();
    private static List<Integer> spareDoors;

    @BeforeAll
    static void start() {
        Path root = Main.repoRoot(Path.of("").toAbsolutePath());
        stack = DevStack.start(DevStackSettings.forTests(root)
                .withFunctionSettings(Map.of("door_close_timeout_ms", Integer.toString(DOOR_CLOSE_TIMEOUT_MS))));
        assertEquals(List.of(), stack.skippedFunctions(), "every function must be built and running");
        locker = new Locker(stack);
        spareDoors = locker.spareDoors();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** A door no other test uses, with a new parcel on it. */
    private static Parcel newParcel() {
        return locker.newParcel(spareDoors.get(nextDoor.getAndIncrement()));
    }

    private static List<String> eventTypes(String externalId) {
        return locker.eventTypes(externalId);
    }

    private static String scalarOrFail(String sql) {
        try {
            return locker.scalar(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Deposits a parcel: code, door opens, door closed, IN_STORAGE. */
    private static void deposit(Parcel parcel, String screen) {
        Screen opened = locker.enter(parcel.deposit, screen);
        assertEquals(200, opened.status, opened.toString());
        locker.closeDoor(parcel.door);
        assertTrue(Locker.await(SOON, 20, () -> "IN_STORAGE".equals(locker.status(parcel.id))), "stored");
    }

    @Test
    @Order(1)
    void a_demo_parcel_is_deposited_and_picked_up_and_the_back_end_hears_both() {
        DemoParcel demo = stack.demoParcels().get(0);

        Screen deposit = locker.enter(demo.depositCode(), "simulator");
        assertEquals(200, deposit.status, deposit.toString());
        assertEquals("Porta " + demo.door() + " aberta", deposit.display());
        assertTrue(locker.doorOpen(demo.door()), "the board opened the door");
        assertEquals("ARRIVING", locker.status(demo.reservationId()), "nothing is stored before the door closes");

        locker.closeDoor(demo.door());
        assertTrue(Locker.await(SOON, 20, () -> "IN_STORAGE".equals(locker.status(demo.reservationId()))));
        assertEquals("OCCUPIED", locker.doorState(demo.door()));

        Screen pickup = locker.enter(demo.pickupCode(), "simulator");
        assertEquals(200, pickup.status, pickup.toString());
        assertTrue(locker.doorOpen(demo.door()));
        locker.closeDoor(demo.door());
        assertTrue(Locker.await(SOON, 20, () -> "DELIVERED".equals(locker.status(demo.reservationId()))));
        assertEquals("FREE", locker.doorState(demo.door()));

        assertTrue(Locker.await(SOON, 50, () -> eventTypes(demo.externalId()).size() == 2),
                "events: " + eventTypes(demo.externalId()));
        assertEquals(List.of("parcel.deposited", "parcel.delivered"), eventTypes(demo.externalId()));
    }

    /** The street's worst case (issue 11): a used pick-up code typed again after the door holds the next parcel. */
    @Test
    @Order(2)
    void a_used_pick_up_code_does_not_open_the_door_that_holds_the_next_parcel() throws Exception {
        DemoParcel demo = stack.demoParcels().get(0);
        assertEquals("DELIVERED", locker.status(demo.reservationId()), "the first test deposited and delivered it");
        Parcel next = locker.newParcel(demo.door());
        deposit(next, "main");
        String operations = locker.scalar("SELECT COUNT(*) FROM door_operations WHERE reservation_id = " + demo.reservationId());

        Screen again = locker.enter(demo.pickupCode(), "main");

        assertEquals(404, again.status, again.toString());
        assertEquals("Código inválido", again.display());
        assertFalse(locker.doorOpen(demo.door()), "door " + demo.door() + " stays shut on the next customer's parcel");
        assertEquals(operations, locker.scalar("SELECT COUNT(*) FROM door_operations WHERE reservation_id = "
                + demo.reservationId()), "no door operation was journaled for the old code");
        assertEquals("IN_STORAGE", locker.status(next.id));
        assertEquals("OCCUPIED", locker.doorState(demo.door()));
        assertFalse(eventTypes(demo.externalId()).contains("door.reopened"), "events: " + eventTypes(demo.externalId()));
    }

    @Test
    @Order(3)
    void a_pick_up_code_before_deposit_opens_nothing() {
        Parcel parcel = newParcel();

        Screen reply = locker.enter(parcel.pickup, "main");

        // A real code: the controller says why it opens nothing (issue 14), and the screen says it in its language.
        assertEquals(409, reply.status, reply.toString());
        assertEquals("not_arrived", reply.body.get("error").getAsString());
        assertEquals("NOT_ARRIVED", reply.body.get("state").getAsString());
        assertEquals("A sua encomenda ainda não está no cacifo", reply.display());
        assertFalse(locker.doorOpen(parcel.door));
        assertEquals("ARRIVING", locker.status(parcel.id));
    }

    @Test
    @Order(4)
    void a_wrong_code_opens_nothing() {
        Screen reply = locker.enter("9999999999", "main");

        assertEquals(404, reply.status, reply.toString());
        assertEquals("Código inválido", reply.display());
        for (int door : stack.doorLayout().doors()) {
            assertFalse(locker.doorOpen(door), "door " + door + " must stay closed");
        }
    }

    @Test
    @Order(5)
    void a_back_up_code_reopens_the_door_and_keeps_the_parcel_in_storage() {
        Parcel parcel = newParcel();
        deposit(parcel, "main");

        Screen reply = locker.enter(parcel.backup, "main");
        assertEquals(200, reply.status, reply.toString());
        assertTrue(locker.doorOpen(parcel.door));
        locker.closeDoor(parcel.door);

        assertTrue(Locker.await(SOON, 50, () -> eventTypes(parcel.externalId).contains("parcel.backup_opened")),
                "events: " + eventTypes(parcel.externalId));
        assertEquals("IN_STORAGE", locker.status(parcel.id));
        assertEquals("OCCUPIED", locker.doorState(parcel.door));
    }

    @Test
    @Order(6)
    void a_used_code_reopens_the_same_door_within_the_grace_period_changes_nothing_and_is_reported() throws Exception {
        Parcel parcel = newParcel();
        deposit(parcel, "main");
        assertTrue(Locker.await(SOON, 50, () -> eventTypes(parcel.externalId).size() == 1));
        String version = locker.scalar("SELECT version FROM reservations WHERE id = " + parcel.id);

        Screen again = locker.enter(parcel.deposit, "main");
        assertEquals(200, again.status, again.toString());
        assertEquals("Porta " + parcel.door + " aberta", again.display());
        locker.closeDoor(parcel.door);
        assertTrue(Locker.await(SOON, 20, () -> {
            try {
                return "0".equals(locker.scalar("SELECT COUNT(*) FROM door_operations WHERE reservation_id = "
                        + parcel.id + " AND state IN ('OPENING','WAITING')"));
            } catch (Exception e) {
                return false;
            }
        }), "the re-open finishes");

        assertEquals("IN_STORAGE", locker.status(parcel.id));
        assertEquals(version, locker.scalar("SELECT version FROM reservations WHERE id = " + parcel.id));
        assertTrue(Locker.await(SOON, 50, () -> eventTypes(parcel.externalId).size() == 2),
                "events: " + eventTypes(parcel.externalId));
        assertEquals(List.of("parcel.deposited", "door.reopened"), eventTypes(parcel.externalId),
                "the re-open is reported as its own event, and the parcel did not move");
    }

    @Test
    @Order(7)
    void a_door_left_open_still_stores_the_parcel_and_raises_an_alarm() throws Exception {
        Parcel parcel = newParcel();

        Screen reply = locker.enter(parcel.deposit, "main");
        assertEquals(200, reply.status, reply.toString());

        assertTrue(Locker.await(Duration.ofMillis(DOOR_CLOSE_TIMEOUT_MS + 10_000), 50,
                () -> "IN_STORAGE".equals(locker.status(parcel.id))), "the parcel action counts as done");
        assertTrue(locker.doorOpen(parcel.door), "nobody closed it");
        assertTrue(Locker.await(SOON, 50, () -> stack.backend().events().stream().anyMatch(event ->
                "door.left_open".equals(event.type()) && event.json().get("door_id").getAsInt() == parcel.door)),
                "the back-end hears the alarm");
        assertEquals("LEFT_OPEN", locker.scalar("SELECT state FROM door_operations WHERE reservation_id = " + parcel.id));
        locker.closeDoor(parcel.door);
    }

    @Test
    @Order(8)
    void two_entries_of_one_code_at_the_same_moment_open_the_door_once() throws Exception {
        Parcel parcel = newParcel();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService screens = Executors.newFixedThreadPool(2);
        try {
            List<Future<Screen>> replies = new ArrayList<>();
            for (String screen : List.of("main", "simulator")) {
                replies.add(screens.submit(() -> {
                    go.await();
                    return locker.enter(parcel.deposit, screen);
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Screen> reply : replies) {
                statuses.add(reply.get().status);
            }
            Collections.sort(statuses);

            assertEquals(List.of(200, 409), statuses);
            assertEquals("1", locker.scalar("SELECT COUNT(*) FROM door_operations WHERE reservation_id = " + parcel.id));
        } finally {
            screens.shutdownNow();
        }
        locker.closeDoor(parcel.door);
        assertTrue(Locker.await(SOON, 20, () -> "IN_STORAGE".equals(locker.status(parcel.id))));
    }

    @Test
    @Order(9)
    void with_the_back_end_down_events_wait_and_arrive_once_in_order_when_it_returns() throws Exception {
        Parcel parcel = newParcel();
        stack.backend().down();
        try {
            deposit(parcel, "main");
            Screen pickup = locker.enter(parcel.pickup, "main");
            assertEquals(200, pickup.status, pickup.toString());
            locker.closeDoor(parcel.door);
            assertTrue(Locker.await(SOON, 20, () -> "DELIVERED".equals(locker.status(parcel.id))));
            // A follow-up's flush has offered the parcel's events to the back-end (and counted the failure).
            assertTrue(Locker.await(SOON, 20, () -> !"0".equals(scalarOrFail(
                    "SELECT COUNT(*) FROM outbox_events WHERE attempts > 0 AND reservation_id = " + parcel.id))),
                    "no delivery of the parcel's events was tried");
            assertEquals(List.of(), eventTypes(parcel.externalId), "nothing gets through while it is down");
            assertTrue(Integer.parseInt(locker.scalar("SELECT COUNT(*) FROM outbox_events WHERE delivered_at IS NULL")) >= 2);
        } finally {
            stack.backend().up();
        }

        // cron-connector's call: no action, no signature.
        assertTrue(Locker.await(Duration.ofSeconds(60), 500, () -> {
            locker.post(stack.gatewayUrl().resolve("/function/controller"), "");
            return eventTypes(parcel.externalId).size() >= 2;
        }), "events: " + eventTypes(parcel.externalId));
        assertEquals(List.of("parcel.deposited", "parcel.delivered"), eventTypes(parcel.externalId));
        assertEquals("0", locker.scalar("SELECT COUNT(*) FROM outbox_events WHERE delivered_at IS NULL"
                + " AND reservation_id = " + parcel.id));
    }

    @Test
    @Order(10)
    void a_database_dump_after_creating_parcels_holds_no_code_and_nothing_a_code_follows_from_without_the_locker_s_key()
            throws Exception {
        Parcel parcel = newParcel();
        List<String> codes = allCodes();
        assertTrue(codes.containsAll(List.of(parcel.deposit, parcel.pickup, parcel.backup)));
        CodeHasher lockerKey = new CodeHasher(new HmacKey(secret("code-hash-key")));
        CodeHasher otherKey = new CodeHasher(new HmacKey("another-locker-" + "0123456789abcdef".repeat(4)));

        String dump = locker.dump();

        for (String code : codes) {
            assertFalse(dump.contains(code), "a code is in the database in clear");
            for (String algorithm : List.of("SHA-256", "SHA-1", "MD5")) {
                assertFalse(dump.contains(digest(algorithm, code)), "an unkeyed " + algorithm + " of a code is in the database");
            }
            assertFalse(dump.contains(otherKey.hash(code)), "the stored hash must depend on the locker's own key");
        }
        for (String code : List.of(parcel.deposit, parcel.pickup, parcel.backup)) {
            assertTrue(dump.contains(lockerKey.hash(code)), "the code is stored as its keyed hash, and only so");
        }
        assertEquals("3", locker.scalar(
                "SELECT COUNT(*) FROM reservation_codes WHERE reservation_id = " + parcel.id));
    }

    /**
     * The controller's sync is public (faasd's cron-connector cannot sign), so anyone who reaches the
     * gateway can call it; 200 callers at once, again and again, must not keep a code from opening its door.
     */
    @Test
    @Order(11)
    void a_flood_of_sync_calls_does_not_keep_a_code_from_opening_its_door() throws Exception {
        Parcel parcel = newParcel();
        URI sync = stack.gatewayUrl().resolve("/function/controller");
        int callers = 200;
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        // 200 connecting at once overflow the gateway's accept backlog (128) when its accepting thread is
        // short of CPU, and the kernel resends a dropped SYN after 1 s, then 3 s: the flood's own client
        // waits for a connection as long as for an answer, where the locker's gives up after 2 s.
        HttpClient floodHttp = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        CountDownLatch allCalling = new CountDownLatch(callers);
        ExecutorService flood = Executors.newFixedThreadPool(callers);
        List<Future<List<Integer>>> statuses = new ArrayList<>();
        // Every caller stops by then at the latest: a code answered before it was answered during the flood.
        long floodEnds = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Screen reply;
        long tookMs;
        long answeredAt;
        try {
            for (int i = 0; i < callers; i++) {
                statuses.add(flood.submit(() -> {
                    List<Integer> seen = new ArrayList<>();
                    allCalling.countDown();
                    while (flooding.get() && System.nanoTime() < floodEnds) {
                        seen.add(floodHttp.send(HttpRequest.newBuilder(sync).timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(""))
                                .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
                        answered.incrementAndGet();
                    }
                    return seen;
                }));
            }
            assertTrue(allCalling.await(10, TimeUnit.SECONDS));
            // The flood is under way: as many sync calls answered as there are callers.
            assertTrue(Locker.await(SOON, 10, () -> answered.get() >= callers), answered.get() + " sync calls answered");

            long started = System.nanoTime();
            reply = locker.enter(parcel.deposit, "main");
            answeredAt = System.nanoTime();
            tookMs = (answeredAt - started) / 1_000_000;
        } finally {
            flooding.set(false);
            flood.shutdown();
        }
        List<Integer> all = new ArrayList<>();
        for (Future<List<Integer>> caller : statuses) {
            all.addAll(caller.get(30, TimeUnit.SECONDS));
        }

        // Kept from a database connection, the code would have failed with 503 after the pool's borrow
        // timeout; kept from a thread, it would have waited for the flood to end. How long it took beside
        // 200 busy callers depends on the machine's cores, so it is printed, not bounded.
        assertEquals(200, reply.status, reply.toString());
        assertTrue(answeredAt < floodEnds, "the code was answered only after the flood ended, in " + tookMs + " ms");
        assertTrue(locker.doorOpen(parcel.door));
        assertTrue(all.size() >= callers, "every caller got through at least once: " + all.size());
        assertEquals(List.of(200), all.stream().distinct().collect(Collectors.toList()), "every sync answered");
        locker.closeDoor(parcel.door);
        assertTrue(Locker.await(SOON, 20, () -> "IN_STORAGE".equals(locker.status(parcel.id))));
        System.out.println("[e2e] code entry under a flood of " + all.size() + " sync calls: " + tookMs + " ms");
    }

    /** The screen speaks Portuguese unless it asks for English; a language it does not have changes nothing. */
    @Test
    @Order(12)
    void the_screen_speaks_portuguese_by_default_and_english_when_asked() throws Exception {
        // A demo parcel no other test here uses: the spare doors are all taken.
        DemoParcel parcel = stack.demoParcels().get(1);
        String throttle = locker.scalar("SELECT COALESCE(SUM(failures), 0) FROM screen_throttle");

        Screen french = locker.enter(parcel.depositCode(), "main", "fr");
        assertEquals(400, french.status, french.toString());
        assertEquals("Código inválido", french.display());
        assertFalse(locker.doorOpen(parcel.door()), "a refused language opens nothing");
        assertEquals("ARRIVING", locker.status(parcel.reservationId()));
        assertEquals(throttle, locker.scalar("SELECT COALESCE(SUM(failures), 0) FROM screen_throttle"), "nothing counted");

        assertEquals("Invalid code", locker.enter("9999999999", "simulator", "en").display());
        assertEquals("Código inválido", locker.enter("9999999999", "simulator", "pt").display());
        Screen opened = locker.enter(parcel.depositCode(), "main", "en");
        assertEquals(200, opened.status, opened.toString());
        assertEquals("Door " + parcel.door() + " is open", opened.display());
        locker.closeDoor(parcel.door());
        assertTrue(Locker.await(SOON, 20, () -> "IN_STORAGE".equals(locker.status(parcel.reservationId()))), "stored");

        // The simulator's page passes its toggle's language on.
        var page = locker.post(stack.simulatorUrl().resolve("/ui/code"),
                "{\"code\":\"" + parcel.pickupCode() + "\",\"lang\":\"en\"}");
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("\"display\":\"Door " + parcel.door() + " is open\""), page.body());
        locker.closeDoor(parcel.door());
        assertTrue(Locker.await(SOON, 20, () -> "DELIVERED".equals(locker.status(parcel.reservationId()))), "delivered");
        var status = locker.get(stack.simulatorUrl().resolve("/ui/status?lang=en"));
        assertEquals("{\"ready\":true,\"display\":\"Enter your code\"}", status.body());
    }

    @Test
    @Order(100)
    void while_mariadb_is_down_the_screen_says_so_and_the_locker_recovers_by_itself() {
        Parcel parcel = newParcel();
        stack.mariaDb().stopServer();
        try {
            Screen reply = locker.enter(parcel.deposit, "main");

            assertEquals(503, reply.status, reply.toString());
            assertEquals("Cacifo temporariamente indisponível", reply.display());
            assertFalse(locker.doorOpen(parcel.door));
        } finally {
            stack.mariaDb().startServer();
        }

        assertTrue(Locker.await(Duration.ofSeconds(30), 500, () -> locker.enter(parcel.deposit, "main").status == 200),
                "the functions reconnect without a restart");
        assertTrue(locker.doorOpen(parcel.door));
        locker.closeDoor(parcel.door);
        assertTrue(Locker.await(SOON, 20, () -> "IN_STORAGE".equals(locker.status(parcel.id))));
    }

    @Test
    @Order(101)
    void after_every_flow_no_log_holds_a_code_a_code_hash_a_key_or_a_password() throws Exception {
        List<String> forbidden = new ArrayList<>();
        CodeHasher hasher = new CodeHasher(new HmacKey(secret("code-hash-key")));
        for (String code : allCodes()) {
            forbidden.add(code);
            forbidden.add(hasher.hash(code));
        }
        int codes = forbidden.size();
        List<String> secretFiles = new ArrayList<>();
        try (Stream<Path> files = Files.list(stack.secretsDir())) {
            files.forEach(file -> secretFiles.add(file.getFileName().toString()));
        }
        assertTrue(secretFiles.containsAll(List.of("internal-hmac-key", "code-hash-key", "db-password", "db-admin-password",
                "backend-hmac-key", "basic-auth-password", "backend-private-key", "locker-private-key")), secretFiles.toString());
        for (String name : secretFiles) {
            String value = secret(name);
            if (value.startsWith("-----BEGIN")) {
                // A key file: every full line of its base64 body, so no fragment of the key may appear either.
                for (String line : value.split("\n")) {
                    if (!line.startsWith("-----") && line.length() >= 40) {
                        forbidden.add(line);
                    }
                }
            } else {
                forbidden.add(value);
            }
        }
        List<Path> logs;
        try (Stream<Path> files = Files.walk(stack.logsDir())) {
            logs = files.filter(Files::isRegularFile).collect(Collectors.toList());
        }
        assertTrue(logs.size() >= 8, "every function and the simulator log: " + logs);
        long bytes = 0;
        List<String> leaks = new ArrayList<>();
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            bytes += text.length();
            for (String value : forbidden) {
                if (text.contains(value)) {
                    leaks.add(log.getFileName() + " holds " + (forbidden.indexOf(value) < codes ? "a code or code hash" : "a secret"));
                }
            }
        }

        assertTrue(bytes > 0, "the flows above must have logged something");
        assertEquals(List.of(), leaks);
        System.out.println("[e2e] searched " + logs.size() + " log files (" + bytes + " characters) for "
                + forbidden.size() + " codes, code hashes and secret values: none found");
    }

    /** The demo parcels' codes and every code the tests created. */
    private static List<String> allCodes() {
        List<String> codes = new ArrayList<>(locker.issuedCodes());
        for (DemoParcel demo : stack.demoParcels()) {
            codes.addAll(List.of(demo.depositCode(), demo.pickupCode(), demo.backupCode()));
        }
        return codes;
    }

    private static String secret(String name) throws Exception {
        return Files.readString(stack.secretsDir().resolve(name), StandardCharsets.UTF_8).strip();
    }

    private static String digest(String algorithm, String text) throws Exception {
        return Hex.of(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}

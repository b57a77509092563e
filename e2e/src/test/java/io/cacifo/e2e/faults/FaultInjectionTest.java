package io.cacifo.e2e.faults;

import com.google.gson.JsonObject;
import io.cacifo.devstack.DevStack;
import io.cacifo.devstack.DevStackSettings;
import io.cacifo.devstack.Main;
import io.cacifo.devstack.backend.ReceivedEvent;
import io.cacifo.devstack.demo.DemoParcel;
import io.cacifo.devstack.process.FunctionMode;
import io.cacifo.e2e.Locker;
import io.cacifo.e2e.Locker.Parcel;
import io.cacifo.e2e.Locker.Screen;
import io.cacifo.kit.config.KitSettings;
import io.cacifo.kit.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults injected into a running devstack that behaves like faasd (real processes, real MariaDB,
 * real gateway; functions start on their first call, nothing but a call or the wake timer restarts
 * one, MariaDB's unit restarts it): function JVMs killed with SIGKILL, mariadbd stopped and killed,
 * the lock board switched off, the gateway restarted, a power cut and boot, the back-end away while
 * ten thousand events queue. For each: what the screen shows, that no
 * parcel, code or door ends in a wrong state, and that the locker recovers by itself. The findings
 * are printed as a table (fault, what must hold, what was observed); any violation fails the test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionTest {
    /** Longer than a function's restart, so a door still open after a crash is seen open and waited for. */
    private static final int DOOR_CLOSE_TIMEOUT_MS = 20_000;
    private static final Duration CONVERGE = Duration.ofSeconds(40);
    /** The screens here speak English, as the texts in docs/reliability.md's tables do. */
    private static final String SCREEN_LANG = "en";
    private static final String UNAVAILABLE = "Locker temporarily unavailable";
    /** The functions' default (KitSettings.DB_CONNECT_TIMEOUT): how long a call waits for a connection. */
    private static final long DB_CONNECT_TIMEOUT_MS = Long.parseLong(KitSettings.DB_CONNECT_TIMEOUT.defaultValue().orElseThrow());
    /** What a call may take on a busy 2-core machine beyond its wait for a connection; a hang takes far longer. */
    private static final long CALL_ALLOWANCE_MS = 5000;
    /** reservation-manager complete, tried by the controller's follow-up (OperationFinisher.By.FOLLOW_UP). */
    private static final int FOLLOW_UP_ATTEMPTS = 3;
    /** DEVSTACK_WAKE_INTERVAL_MS for this suite: cacifo-wake.timer's minute, shortened. */
    private static final int WAKE_INTERVAL_MS = 5000;
    private static final FaultTable TABLE = new FaultTable();
    private static DevStack stack;
    private static Locker locker;
    private static List<Integer> spareDoors;
    private static int nextDoor;
    private static final List<Parcel> made = new ArrayList<>();
    /** A demo parcel whose code is typed during faults: it must never open or change. */
    private static DemoParcel bystander;

    @BeforeAll
    static void start() {
        Path root = Main.repoRoot(Path.of("").toAbsolutePath());
        stack = DevStack.start(DevStackSettings.forTests(root).withFunctionMode(FunctionMode.FAASD)
                .withWakeInterval(Duration.ofMillis(WAKE_INTERVAL_MS))
                .withFunctionSettings(Map.of("door_close_timeout_ms", Integer.toString(DOOR_CLOSE_TIMEOUT_MS))));
        assertEquals(List.of(), stack.skippedFunctions(), "every function must be built and running");
        assertTrue(stack.simulatorRunning(), "the door simulator must be built");
        locker = new Locker(stack);
        bystander = stack.demoParcels().get(0);
        Set<Integer> demoDoors = stack.demoParcels().stream().map(DemoParcel::door).collect(Collectors.toSet());
        spareDoors = stack.doorLayout().doors().stream().filter(door -> !demoDoors.contains(door)).collect(Collectors.toList());
    }

    @AfterAll
    static void stop() throws Exception {
        if (!TABLE.isEmpty()) {
            String table = TABLE.render();
            System.out.println("[faults] fault-injection findings:\n" + table);
            Path out = Path.of("target", "fault-table.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, table, StandardCharsets.UTF_8);
        }
        if (stack != null && TABLE.violations() > 0) {
            // The devstack's state folder goes with it: keep the function logs that explain the violation.
            Path logs = Path.of("target", "fault-logs");
            Files.createDirectories(logs);
            try (var files = Files.list(stack.logsDir())) {
                for (Path log : (Iterable<Path>) files::iterator) {
                    Files.copy(log, logs.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            System.out.println("[faults] function logs kept in " + logs.toAbsolutePath());
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static Parcel newParcel() {
        Parcel parcel = locker.newParcel(spareDoors.get(nextDoor++));
        made.add(parcel);
        return parcel;
    }

    /** The latest parcel the suite made that is now stored, for a fault that needs a door to open once the spare doors are used up. */
    private static Parcel storedParcel() throws SQLException {
        for (int i = made.size() - 1; i >= 0; i--) {
            if ("IN_STORAGE".equals(locker.storedStatus(made.get(i).id))) {
                return made.get(i);
            }
        }
        throw new IllegalStateException("no parcel of this suite is stored");
    }

    // ---- the faults ------------------------------------------------------------------------------

    @Test
    @Order(1)
    void the_controller_killed_while_a_door_is_open_finishes_the_deposit_after_its_restart_once_the_door_is_closed()
            throws Exception {
        String fault = "controller SIGKILLed while door open";
        Parcel parcel = newParcel();
        assertEquals(200, locker.enter(parcel.deposit, "main", SCREEN_LANG).status);

        stack.faults().killFunction("controller");
        refusedWhileDown(fault + " (screen meanwhile)");
        // faasd starts a stopped task on the call that finds it so: that code's call, not a person.
        boolean started = stack.faults().isRunning("controller");
        TABLE.check(fault + " (screen meanwhile)", "the code's call started it again", started ? "running right after the screen's answer"
                : "not running after the screen's answer", started);
        backByNextCall("controller");
        sync();

        String during = describe(parcel);
        TABLE.check(fault, "after restart + sync, door still open: operation WAITING, parcel ARRIVING, code unused",
                during, locker.doorOpen(parcel.door) && during.startsWith("ARRIVING") && during.contains("WAITING")
                        && during.contains("DEPOSIT=unused"));

        locker.closeDoor(parcel.door);
        converges(fault, parcel, "IN_STORAGE", "parcel.deposited");
    }

    @Test
    @Order(2)
    void reservation_manager_killed_while_the_door_is_open_moves_the_parcel_once_it_is_back() throws Exception {
        String fault = "reservation-manager SIGKILLed during the wait";
        Parcel parcel = newParcel();
        assertEquals(200, locker.enter(parcel.deposit, "main", SCREEN_LANG).status);

        stack.faults().killFunction("reservation-manager");
        locker.closeDoor(parcel.door);
        wokenByTheCode(fault + " (screen meanwhile)");
        // On faasd nothing restarts it but a call: the follow-up's complete (1 s, then 3 s apart) or the wake timer.
        long closed = System.nanoTime();
        boolean back = Locker.await(Duration.ofSeconds(30), 100, () -> stack.faults().isRunning("reservation-manager"));
        TABLE.check(fault, "nobody starts it by hand: the follow-up's call or the wake timer starts it again",
                back ? "running again " + millisSince(closed) + " ms after the door closed" : "not running 30 s later", back);

        converges(fault, parcel, "IN_STORAGE", "parcel.deposited");
    }

    @Test
    @Order(3)
    void mariadb_stopped_while_a_door_is_open_loses_nothing_and_the_parcel_moves_once_it_is_back() throws Exception {
        String fault = "MariaDB stopped mid-request (door open)";
        Parcel parcel = newParcel();
        assertEquals(200, locker.enter(parcel.deposit, "main", SCREEN_LANG).status);
        String where = followUp(parcel);

        stack.mariaDb().stopServer();
        try {
            locker.closeDoor(parcel.door);
            Screen reply = locker.enter(bystander.depositCode(), "simulator", SCREEN_LANG);
            TABLE.check(fault + " (screen meanwhile)", "503 \"" + UNAVAILABLE + "\", no door opens",
                    reply.status + " \"" + reply.display() + "\", door " + bystander.door() + " open="
                            + locker.doorOpen(bystander.door()),
                    reply.status == 503 && UNAVAILABLE.equals(reply.display()) && !locker.doorOpen(bystander.door()));
            // MariaDB stays down until the follow-up gave up (each try a 503 db_unavailable after the
            // connection wait, 1 s then 3 s apart), so the parcel can only move by a later pass.
            String gaveUp = where + "complete failed after " + FOLLOW_UP_ATTEMPTS + " attempt(s)";
            boolean tried = Locker.await(Duration.ofSeconds(90), 200, () -> controllerLog().contains(gaveUp));
            boolean leftWaiting = controllerLog().contains(where + "the parcel's status did not change; left WAITING for reconciliation");
            TABLE.check(fault, "the follow-up's complete fails " + FOLLOW_UP_ATTEMPTS + " times and leaves the row WAITING",
                    (tried ? "\"complete failed after " + FOLLOW_UP_ATTEMPTS + " attempt(s)\"" : "no give-up within 90 s")
                            + (leftWaiting ? ", \"left WAITING for reconciliation\"" : ", row not left WAITING"),
                    tried && leftWaiting);
        } finally {
            stack.mariaDb().startServer();
        }
        String by = converges(fault, parcel, "IN_STORAGE", "parcel.deposited");
        TABLE.check(fault, "once MariaDB is back, a reconciliation pass moves the parcel", "the event written " + by,
                "by reconciliation".equals(by));
    }

    @Test
    @Order(4)
    void mariadb_down_while_idle_gives_the_screen_a_503_and_changes_nothing_then_recovers_by_itself() throws Exception {
        String fault = "MariaDB down (idle)";
        Parcel parcel = newParcel();
        String before = describe(parcel);

        stack.mariaDb().stopServer();
        Screen reply;
        long took;
        try {
            long typed = System.nanoTime();
            reply = locker.enter(parcel.deposit, "main", SCREEN_LANG);
            took = millisSince(typed);
        } finally {
            stack.mariaDb().startServer();
        }
        String after = describe(parcel);
        TABLE.check(fault, "503 db_unavailable \"" + UNAVAILABLE + "\" once db_connect_timeout_ms (" + DB_CONNECT_TIMEOUT_MS
                        + " ms) passed without a connection (under " + (DB_CONNECT_TIMEOUT_MS + CALL_ALLOWANCE_MS)
                        + " ms with the call), door stays shut, parcel unchanged",
                reply.status + " " + error(reply) + " \"" + reply.display() + "\" after " + took + " ms, door open="
                        + locker.doorOpen(parcel.door) + ", parcel " + (after.equals(before) ? "unchanged" : before + " -> " + after),
                reply.status == 503 && "db_unavailable".equals(error(reply)) && UNAVAILABLE.equals(reply.display())
                        && took < DB_CONNECT_TIMEOUT_MS + CALL_ALLOWANCE_MS && !locker.doorOpen(parcel.door) && after.equals(before));

        long started = System.nanoTime();
        int[] tries = {0};
        boolean recovered = Locker.await(Duration.ofSeconds(30), 250, () -> {
            tries[0]++;
            return locker.enter(parcel.deposit, "main", SCREEN_LANG).status == 200;
        });
        TABLE.check(fault, "after restart the same code opens the door, no manual step",
                recovered ? "opened at try " + tries[0] + ", " + millisSince(started) + " ms after MariaDB was back"
                        : "still refused after 30 s", recovered);
        locker.closeDoor(parcel.door);
        converges(fault, parcel, "IN_STORAGE", "parcel.deposited");
    }

    @Test
    @Order(5)
    void mariadb_restarted_while_idle_is_not_noticed_by_the_next_person() throws Exception {
        String fault = "MariaDB restarted (idle)";
        Parcel parcel = newParcel();

        stack.mariaDb().stopServer();
        // A restart takes seconds on the Pi (kit DbReconnectTest covers quicker ones).
        Thread.sleep(1000);
        stack.mariaDb().startServer();
        Screen first = locker.enter(parcel.deposit, "main", SCREEN_LANG);

        TABLE.check(fault, "the very first code after the restart opens its door (pools reconnect)",
                first.status + " \"" + first.display() + "\"", first.status == 200 && locker.doorOpen(parcel.door));
        locker.closeDoor(parcel.door);
        converges(fault, parcel, "IN_STORAGE", "parcel.deposited");
    }

    @Test
    @Order(6)
    void with_the_lock_board_unreachable_the_screen_gets_a_503_and_nothing_changes() throws Exception {
        String fault = "lock board unreachable (simulator killed)";
        Parcel parcel = newParcel();
        String before = describe(parcel);

        stack.faults().boardOff();
        Screen reply;
        try {
            reply = locker.enter(parcel.deposit, "main", SCREEN_LANG);
        } finally {
            stack.faults().boardOn();
        }
        String after = describe(parcel);
        String journal = locker.scalar("SELECT GROUP_CONCAT(state) FROM door_operations WHERE reservation_id = " + parcel.id);
        TABLE.check(fault, "503 board_unavailable \"" + UNAVAILABLE + "\", parcel and code unchanged, operation FAILED",
                reply.status + " " + error(reply) + " \"" + reply.display() + "\", parcel "
                        + (after.replace(" FAILED", "").equals(before) ? "unchanged" : before + " -> " + after)
                        + ", journal " + journal,
                reply.status == 503 && "board_unavailable".equals(error(reply)) && UNAVAILABLE.equals(reply.display())
                        && "FAILED".equals(journal)
                        && after.replace(" FAILED", "").equals(before));

        Screen again = locker.enter(parcel.deposit, "main", SCREEN_LANG);
        TABLE.check(fault, "once the board answers, the same code opens the door",
                again.status + " \"" + again.display() + "\"", again.status == 200 && locker.doorOpen(parcel.door));
        locker.closeDoor(parcel.door);
        converges(fault, parcel, "IN_STORAGE", "parcel.deposited");
    }

    @Test
    @Order(7)
    void door_io_killed_while_a_door_is_open_finishes_the_operation_once_it_is_back_and_the_door_is_closed()
            throws Exception {
        String fault = "door-io SIGKILLed while door open";
        Parcel parcel = newParcel();
        assertEquals(200, locker.enter(parcel.deposit, "main", SCREEN_LANG).status);

        stack.faults().killFunction("door-io");
        wokenByTheCode(fault + " (screen meanwhile)");
        backByNextCall("door-io");
        sync();
        String during = describe(parcel);
        TABLE.check(fault, "door still open after door-io's restart: the follow-up waits on, operation WAITING, parcel and code unchanged",
                during, locker.doorOpen(parcel.door) && during.startsWith("ARRIVING") && during.contains("DEPOSIT=unused")
                        && during.endsWith(" WAITING"));

        locker.closeDoor(parcel.door);
        converges(fault, parcel, "IN_STORAGE", "parcel.deposited");
    }

    @Test
    @Order(8)
    void the_gateway_restarted_while_a_door_is_open_cuts_the_wait_and_the_operation_still_finishes() throws Exception {
        String fault = "gateway restarted while door open";
        Parcel parcel = newParcel();
        assertEquals(200, locker.enter(parcel.deposit, "main", SCREEN_LANG).status);
        String where = followUp(parcel);

        stack.faults().stopGateway();
        JsonObject touch;
        try {
            String before = describeDemo(bystander);
            // The simulator's touchscreen, which reaches screen-io through the gateway like the real one.
            HttpResponse<String> reply = locker.post(stack.simulatorUrl().resolve("/ui/code"),
                    Json.write(Map.of("code", bystander.depositCode(), "lang", SCREEN_LANG)));
            touch = Json.parse(reply.body()).getAsJsonObject();
            String display = touch.has("display") ? touch.get("display").getAsString() : "";
            TABLE.check(fault + " (touchscreen meanwhile)", "503 \"" + UNAVAILABLE + "\", no door opens, nothing changes",
                    reply.statusCode() + " \"" + display + "\", door " + bystander.door() + " open="
                            + locker.doorOpen(bystander.door()) + ", parcel "
                            + (before.equals(describeDemo(bystander)) ? "unchanged" : describeDemo(bystander)),
                    reply.statusCode() == 503 && UNAVAILABLE.equals(display) && !locker.doorOpen(bystander.door())
                            && before.equals(describeDemo(bystander)));
            // Down until the follow-up's wait for the door (door-io close, through the gateway) was cut.
            boolean cut = Locker.await(Duration.ofSeconds(30), 100, () -> controllerLog().contains(where + "door-io close"));
            TABLE.check(fault, "the follow-up's wait for the door is cut", cut ? "door-io close ended without the board's word"
                    : "still waiting 30 s later", cut);
        } finally {
            stack.faults().startGateway();
        }
        Screen first = locker.enter(bystander.pickupCode(), "simulator", SCREEN_LANG);
        TABLE.check(fault, "the first code after the restart is served (functions reconnect by themselves)",
                first.status + " " + first.body.get("error") + " (a pick-up code before deposit: not arrived)",
                first.status == 409 && "not_arrived".equals(error(first)));

        // The follow-up moves the parcel without the board's word (the person had the door open), and
        // leaves the row for the pass, which finishes it once the board says the door is closed.
        boolean moved = Locker.await(Duration.ofSeconds(30), 100, () -> "IN_STORAGE".equals(storedStatus(parcel.id)));
        String during = describe(parcel);
        TABLE.check(fault, "the parcel moves on while the door is still open, the row stays WAITING",
                during + ", door open=" + locker.doorOpen(parcel.door),
                moved && locker.doorOpen(parcel.door) && during.startsWith("IN_STORAGE") && during.contains("DEPOSIT=used")
                        && during.endsWith(" WAITING"));
        locker.closeDoor(parcel.door);
        converges(fault, parcel, "IN_STORAGE", "parcel.deposited");
    }

    @Test
    @Order(9)
    void a_power_cut_while_a_door_is_open_stores_the_parcel_once_power_is_back() throws Exception {
        String fault = "power cut while door open";
        DemoParcel parcel = stack.demoParcels().get(1);
        assertEquals(200, locker.enter(parcel.depositCode(), "main", SCREEN_LANG).status);
        List<String> killed = List.of("controller", "reservation-manager", "door-io");

        killed.forEach(stack.faults()::killFunction);
        stack.faults().boardOff();
        stack.mariaDb().stopServer();
        // Power returns: MariaDB, the board (its latches shut: the courier closed the door in the dark), the functions.
        stack.mariaDb().startServer();
        String journal = locker.scalar("SELECT state FROM door_operations WHERE reservation_id = " + parcel.reservationId());
        stack.faults().boardOn();
        killed.forEach(stack.faults()::startFunction);

        TABLE.check(fault, "the journal kept the open door across the cut", "operation " + journal
                + " after MariaDB restarted", "WAITING".equals(journal));
        converges(fault + " (functions, board and MariaDB back)", parcel.reservationId(), "IN_STORAGE", "parcel.deposited");
    }

    @Test
    @Order(10)
    void ten_thousand_events_queued_while_the_back_end_is_down_arrive_once_each_in_order_when_it_returns()
            throws Exception {
        String fault = "back-end down, 10,000 events queued";
        long duplicatesBefore = stack.backend().duplicates();
        stack.backend().down();
        try {
            try (Connection connection = stack.mariaDb().connect("cacifo"); Statement statement = connection.createStatement()) {
                // 100 parcels with 100 events each, as status changes write them while the back-end is away.
                statement.executeUpdate("INSERT INTO outbox_events (event_id, type, reservation_id, door_id, payload)"
                        + " SELECT UUID(), 'fault.backlog', 1000 + seq MOD 100, NULL, JSON_OBJECT('n', seq)"
                        + " FROM seq_1_to_10000 ORDER BY seq");
            }
            // Two attempts fail and back off (about 1 s, then 2 s); only the oldest batch probes.
            Locker.await(Duration.ofSeconds(15), 250, () -> {
                sync();
                return intScalar("SELECT MAX(attempts) FROM outbox_events WHERE delivered_at IS NULL") >= 2;
            });
            int probed = intScalar("SELECT COUNT(*) FROM outbox_events WHERE attempts > 0 AND delivered_at IS NULL");
            int maxAttempts = intScalar("SELECT MAX(attempts) FROM outbox_events WHERE delivered_at IS NULL");
            TABLE.check(fault, "while down: nothing lost, only the oldest batch is retried, with backoff",
                    intScalar("SELECT COUNT(*) FROM outbox_events WHERE type = 'fault.backlog' AND delivered_at IS NULL")
                            + " pending, " + probed + " events tried, up to " + maxAttempts + " attempts",
                    probed <= 200 && maxAttempts >= 2
                            && intScalar("SELECT COUNT(*) FROM outbox_events WHERE type = 'fault.backlog' AND delivered_at IS NULL") == 10_000);
        } finally {
            stack.backend().up();
        }

        long started = System.nanoTime();
        boolean drained = Locker.await(Duration.ofSeconds(60), 200, () -> {
            sync();
            return intScalar("SELECT COUNT(*) FROM outbox_events WHERE delivered_at IS NULL") == 0;
        });
        long millis = millisSince(started);
        List<String> expected = new ArrayList<>();
        try (Connection connection = stack.mariaDb().connect("cacifo"); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT event_id FROM outbox_events WHERE type = 'fault.backlog'"
                     + " ORDER BY sequence")) {
            while (rows.next()) {
                expected.add(rows.getString(1));
            }
        }
        List<String> received = stack.backend().events().stream().filter(event -> "fault.backlog".equals(event.type()))
                .map(ReceivedEvent::eventId).collect(Collectors.toList());
        long duplicates = stack.backend().duplicates() - duplicatesBefore;
        TABLE.check(fault, "after it returns: all 10,000 arrive, each once, in sequence order (so per parcel)",
                received.size() + " received, " + new HashSet<>(received).size() + " distinct, in order="
                        + received.equals(expected) + ", " + duplicates + " repeats, drained in " + millis + " ms",
                drained && received.equals(expected) && expected.size() == 10_000 && duplicates == 0);
    }

    @Test
    @Order(11)
    void after_a_power_cut_the_first_code_typed_after_boot_opens_its_door_within_10_s_and_no_event_is_lost()
            throws Exception {
        String fault = "power cut (idle, 3 events pending) -> boot";
        Parcel parcel = newParcel();
        stack.backend().down();
        try (Connection connection = stack.mariaDb().connect("cacifo"); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO outbox_events (event_id, type, reservation_id, door_id, payload)"
                    + " SELECT UUID(), 'fault.power', " + parcel.id + ", NULL, JSON_OBJECT('n', seq) FROM seq_1_to_3 ORDER BY seq");
        }

        stack.faults().powerCut();
        stack.backend().up();
        long booting = System.nanoTime();
        Duration boot = stack.faults().boot();
        // Woken before anyone types: how long that took depends on the machine, so it is reported, not bounded.
        List<String> asleep = stack.deployedFunctions().stream().filter(function -> !stack.faults().isRunning(function))
                .collect(Collectors.toList());
        Screen first = locker.enter(parcel.deposit, "main", SCREEN_LANG);
        long opened = millisSince(booting);

        TABLE.check(fault, "boot (MariaDB, gateway, board, then cacifo-wake) wakes every function before the first code; it opens its door",
                "cacifo-wake exited 0 after " + boot.toMillis() + " ms, " + (asleep.isEmpty() ? "all running" : "not running: " + asleep)
                        + "; first code " + first.status + " \"" + first.display() + "\", door open at " + opened + " ms",
                asleep.isEmpty() && first.status == 200 && locker.doorOpen(parcel.door));
        locker.closeDoor(parcel.door);
        converges(fault, parcel, "IN_STORAGE", "parcel.deposited");
        boolean delivered = Locker.await(CONVERGE, 250, () -> {
            sync();
            return intScalar("SELECT COUNT(*) FROM outbox_events WHERE delivered_at IS NULL") == 0;
        });
        long power = stack.backend().events().stream().filter(event -> "fault.power".equals(event.type())).count();
        TABLE.check(fault, "no event lost: the 3 pending events arrive once each", power + " received, outbox drained=" + delivered,
                delivered && power == 3);
    }

    @Test
    @Order(12)
    void a_function_killed_and_not_called_is_back_before_anyone_types_a_code() throws Exception {
        String fault = "reservation-manager SIGKILLed, not called (wake timer every " + WAKE_INTERVAL_MS + " ms)";

        stack.faults().killFunction("reservation-manager");
        long killed = System.nanoTime();
        boolean stopped = Locker.await(Duration.ofSeconds(10), 10, () -> !stack.faults().isRunning("reservation-manager"));
        TABLE.check(fault, "its task is stopped; nothing restarts it by itself", stopped ? "stopped" : "still running 10 s after the kill",
                stopped);
        // Only looked at, never called: the wake timer's probe is what starts it.
        boolean running = Locker.await(Duration.ofMillis(WAKE_INTERVAL_MS + 30_000), 50,
                () -> stack.faults().isRunning("reservation-manager"));
        long runningAt = millisSince(killed);
        boolean healthy = running && Locker.await(Duration.ofSeconds(30), 100, () -> health("reservation-manager") == 200);
        long healthyAt = millisSince(killed);
        TABLE.check(fault, "back by the wake timer (DEVSTACK_WAKE_INTERVAL_MS=" + WAKE_INTERVAL_MS + "): process running, health 200",
                running ? "running " + runningAt + " ms after the kill, health 200 at " + healthyAt + " ms" : "not running",
                running && healthy && runningAt <= WAKE_INTERVAL_MS + 30_000);
    }

    @Test
    @Order(13)
    void mariadb_killed_is_restarted_by_its_unit_and_the_first_code_after_opens_its_door() throws Exception {
        String fault = "MariaDB SIGKILLed (idle), unit Restart=always RestartSec=1s";
        Parcel parcel = storedParcel();

        stack.faults().killMariaDb();
        long killed = System.nanoTime();
        boolean back = Locker.await(Duration.ofSeconds(10), 50, () -> {
            try (Connection connection = stack.mariaDb().connect("cacifo")) {
                return connection.isValid(1);
            } catch (SQLException down) {
                return false;
            }
        });
        long backAt = millisSince(killed);
        TABLE.check(fault, "restarted by the supervisor, no person", back ? "answering " + backAt + " ms after the kill"
                : "not answering 10 s after the kill", back);

        Screen first = locker.enter(parcel.pickup, "main", SCREEN_LANG);
        TABLE.check(fault, "the very first code after it is back (a pick-up) opens its door (pools reconnect)",
                first.status + " \"" + first.display() + "\" " + millisSince(killed) + " ms after the kill",
                first.status == 200 && locker.doorOpen(parcel.door));
        locker.closeDoor(parcel.door);
        converges(fault, parcel, "DELIVERED", "parcel.delivered");
    }

    @Test
    @Order(14)
    void a_function_jvm_that_exits_0_ends_with_a_failure_status_so_it_is_started_again() throws Exception {
        String fault = "controller's JVM calls System.exit(0)";
        long pid = stack.functionProcess("controller").orElseThrow().pid();

        ExitZero.inject(pid, Path.of("target", "exit-zero"));
        boolean exited = Locker.await(Duration.ofSeconds(10), 50, () -> stack.functionExitCode("controller").isPresent());
        long gone = System.nanoTime();
        String status = stack.functionExitCode("controller").isPresent()
                ? Integer.toString(stack.functionExitCode("controller").getAsInt()) : "none";
        // of-watchdog restarts nothing for a child that exits 0: only a failure status makes the task stop.
        TABLE.check(fault, "the JVM's exit status is not 0, so of-watchdog exits and the task counts as stopped",
                exited ? "exit status " + status : "still running 10 s later", exited && !"0".equals(status) && !"none".equals(status));

        boolean back = Locker.await(Duration.ofMillis(WAKE_INTERVAL_MS + 30_000), 100, () -> health("controller") == 200);
        Parcel parcel = storedParcel();
        Screen first = locker.enter(parcel.pickup, "main", SCREEN_LANG);
        TABLE.check(fault, "back without a person (next call or wake timer); the next code opens its door",
                (back ? "health 200 " + millisSince(gone) + " ms after the exit" : "no health 200") + ", then "
                        + first.status + " \"" + first.display() + "\"",
                back && first.status == 200 && locker.doorOpen(parcel.door));
        locker.closeDoor(parcel.door);
        converges(fault, parcel, "DELIVERED", "parcel.delivered");
    }

    @Test
    @Order(15)
    void with_screen_io_down_the_touchscreen_says_temporarily_unavailable_not_the_gateway_s_text() throws Exception {
        String fault = "screen-io SIGKILLed (touchscreen meanwhile)";
        stack.faults().killFunction("screen-io");

        // The first call after the kill reaches a JVM that does not listen yet: faasd answers 500 with no body.
        HttpResponse<String> reply = locker.post(stack.simulatorUrl().resolve("/ui/code"),
                Json.write(Map.of("code", bystander.pickupCode(), "lang", SCREEN_LANG)));
        JsonObject touch = Json.parse(reply.body()).getAsJsonObject();
        String display = touch.has("display") ? touch.get("display").getAsString() : "";
        TABLE.check(fault, "503 \"" + UNAVAILABLE + "\" on the screen, no raw gateway text, no door opens",
                reply.statusCode() + " \"" + display + "\", door " + bystander.door() + " open=" + locker.doorOpen(bystander.door()),
                reply.statusCode() == 503 && UNAVAILABLE.equals(display) && !locker.doorOpen(bystander.door()));

        // That call started it again (scale from zero); the screen's status says ready once it answers.
        boolean ready = Locker.await(Duration.ofSeconds(30), 200, () -> {
            HttpResponse<String> status = locker.get(stack.simulatorUrl().resolve("/ui/status"));
            return status.statusCode() == 200 && Json.parse(status.body()).getAsJsonObject().get("ready").getAsBoolean();
        });
        TABLE.check(fault, "started again by that call: the screen's status is ready again", ready ? "ready" : "not ready 30 s later", ready);
    }

    // ---- what every fault must leave behind --------------------------------------------------------

    /**
     * On faasd a code typed while a function the controller calls is dead wakes it: the gateway starts
     * the task on that call, and the controller asks again within {@code Timeouts.WAKE_RETRY} (its calls
     * to reservation-manager and door-io are safe to repeat). Either the code's own door opens once and
     * the parcel moves on when it is closed, or the screen gets a clear 503 and nothing changes.
     */
    private static void wokenByTheCode(String fault) throws Exception {
        Parcel parcel = storedParcel();
        String before = describe(parcel);
        long typed = System.nanoTime();
        Screen reply = locker.enter(parcel.pickup, "main", SCREEN_LANG);
        long took = millisSince(typed);
        if (reply.status == 200) {
            TABLE.check(fault, "the code wakes it: its own door opens once (or 503 and nothing changes)",
                    reply.status + " \"" + reply.display() + "\" after " + took + " ms, door " + parcel.door + " open="
                            + locker.doorOpen(parcel.door),
                    locker.doorOpen(parcel.door) && reply.display().startsWith("Door " + parcel.door + " "));
            locker.closeDoor(parcel.door);
            converges(fault + ", the code that woke it", parcel, "DELIVERED", "parcel.delivered");
        } else {
            String after = describe(parcel).replace(" FAILED", "");
            TABLE.check(fault, "the code wakes it: its own door opens once (or 503 and nothing changes)",
                    reply.status + " \"" + reply.display() + "\" after " + took + " ms, door " + parcel.door + " open="
                            + locker.doorOpen(parcel.door) + ", parcel " + (after.equals(before) ? "unchanged" : after),
                    reply.status == 503 && UNAVAILABLE.equals(reply.display()) && !locker.doorOpen(parcel.door)
                            && after.equals(before));
        }
    }

    /** While a function is down, a code typed on the screen gets a clear 503 and opens and changes nothing. */
    private static void refusedWhileDown(String fault) throws Exception {
        String before = describeDemo(bystander);
        Screen reply = locker.enter(bystander.depositCode(), "simulator", SCREEN_LANG);
        // A door-io that does not answer leaves a FAILED journal row: the door did not open, nothing else moved.
        String after = describeDemo(bystander).replace(" FAILED", "");
        TABLE.check(fault, "503 \"" + UNAVAILABLE + "\", no door opens, nothing changes",
                reply.status + " \"" + reply.display() + "\", door " + bystander.door() + " open="
                        + locker.doorOpen(bystander.door()) + ", parcel " + (after.equals(before) ? "unchanged" : after),
                reply.status == 503 && UNAVAILABLE.equals(reply.display()) && !locker.doorOpen(bystander.door())
                        && after.equals(before));
    }

    /**
     * Syncs until the parcel reaches {@code status} with its journal finished, then checks the code
     * is used, the operation DONE, and the back-end has exactly one {@code eventType} for the parcel.
     */
    private static String converges(String fault, Parcel parcel, String status, String eventType) throws Exception {
        return converges(fault, parcel.id, status, eventType);
    }

    /** @return "by reconciliation" or "by the follow-up": who wrote the event */
    private static String converges(String fault, long parcel, String status, String eventType) throws Exception {
        long started = System.nanoTime();
        boolean settled = Locker.await(CONVERGE, 250, () -> {
            sync();
            try {
                return status.equals(locker.storedStatus(parcel)) && intScalar("SELECT COUNT(*) FROM door_operations"
                        + " WHERE reservation_id = " + parcel + " AND state IN ('OPENING', 'WAITING')") == 0
                        && received(parcel, eventType) >= 1;
            } catch (SQLException | IllegalStateException down) {
                return false;
            }
        });
        long millis = millisSince(started);
        // A second delivery would come with the next flush: give it one before counting.
        sync();
        String state = describeReservation(parcel);
        long events = received(parcel, eventType);
        int written = intScalar("SELECT COUNT(*) FROM outbox_events WHERE reservation_id = " + parcel
                + " AND type = '" + eventType + "'");
        String reconciled = locker.scalar("SELECT JSON_EXTRACT(payload, '$.reconciled') FROM outbox_events WHERE reservation_id = "
                + parcel + " AND type = '" + eventType + "'");
        TABLE.check(fault, "converges: " + status + ", code used, operation DONE, one " + eventType + " at the back-end",
                state + "; " + events + " event(s) received, " + written + " written"
                        + " (" + by(reconciled) + ")"
                        + (settled ? "; settled in " + millis + " ms" : "; NOT settled after " + CONVERGE.toSeconds() + " s"),
                settled && state.startsWith(status) && !state.contains("DEPOSIT=unused") && state.endsWith(" DONE")
                        && events == 1 && written == 1);
        return by(reconciled);
    }

    private static String by(String reconciled) {
        return "true".equals(reconciled) ? "by reconciliation" : "by the follow-up";
    }

    /** How the controller's log names the follow-up of the parcel's (latest) door operation, up to the message. */
    private static String followUp(Parcel parcel) {
        return "reservation " + parcel.id + " operation "
                + intScalar("SELECT MAX(id) FROM door_operations WHERE reservation_id = " + parcel.id) + ": ";
    }

    /** All the controller's JVMs have written: the devstack appends each start to one file. */
    private static String controllerLog() {
        try {
            return Files.readString(stack.logsDir().resolve("controller.log"), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String storedStatus(long parcel) {
        try {
            return locker.storedStatus(parcel);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String error(Screen reply) {
        return reply.body.has("error") ? reply.body.get("error").getAsString() : "(no error)";
    }

    /** The parcel as the locker holds it: status, door state, each code used or not, and its journal. */
    private static String describe(Parcel parcel) throws SQLException {
        return describeReservation(parcel.id);
    }

    private static String describeDemo(DemoParcel parcel) throws SQLException {
        return describeReservation(parcel.reservationId());
    }

    private static String describeReservation(long id) throws SQLException {
        String codes = locker.scalar("SELECT GROUP_CONCAT(CONCAT(kind, '=', IF(used_at IS NULL, 'unused', 'used'))"
                + " ORDER BY kind SEPARATOR ' ') FROM reservation_codes WHERE reservation_id = " + id);
        String journal = locker.scalar("SELECT GROUP_CONCAT(state ORDER BY id SEPARATOR ' ') FROM door_operations"
                + " WHERE reservation_id = " + id);
        return locker.scalar("SELECT CONCAT(r.status, ' v', r.version, ' door ', d.state) FROM reservations r"
                + " JOIN doors d ON d.id = r.door_id WHERE r.id = " + id) + " " + codes + (journal == null ? "" : " " + journal);
    }

    private static long received(long parcel, String type) {
        return stack.backend().events().stream().filter(event -> type.equals(event.type())
                && Long.toString(parcel).equals(event.text("reservation_id"))).count();
    }

    /** Calls the function's health probe through the gateway until it answers 200 (30 s): the next call starts it. */
    private static void backByNextCall(String function) {
        boolean back = Locker.await(Duration.ofSeconds(30), 100, () -> health(function) == 200);
        assertTrue(back, function + " did not answer its health probe within 30 s of being called");
    }

    private static int health(String function) {
        try {
            return locker.get(stack.gatewayUrl().resolve("/function/" + function + "/health")).statusCode();
        } catch (IllegalStateException unreachable) {
            return 0;
        }
    }

    /** cron-connector's call: no action, no signature. Null while the controller does not answer 200. */
    private static JsonObject sync() {
        try {
            HttpResponse<String> reply = locker.post(stack.gatewayUrl().resolve("/function/controller"), "");
            return reply.statusCode() == 200 ? Json.parse(reply.body()).getAsJsonObject() : null;
        } catch (IllegalStateException unreachable) {
            return null;
        }
    }

    private static int intScalar(String sql) {
        try {
            String value = locker.scalar(sql);
            return value == null ? 0 : Integer.parseInt(value);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}

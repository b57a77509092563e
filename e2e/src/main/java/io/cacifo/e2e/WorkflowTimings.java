package io.cacifo.e2e;

import io.cacifo.devstack.DevStack;
import io.cacifo.devstack.DevStackSettings;
import io.cacifo.devstack.Main;
import io.cacifo.devstack.demo.DemoParcel;
import io.cacifo.e2e.Locker.Parcel;
import io.cacifo.e2e.Locker.Screen;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Measures the two times the workflow is judged by, on a fresh devstack: code entry → door open
 * (the screen's answer, which comes once door-io has opened the door) and door closed → status
 * stored (from the board's close to the commit seen in MariaDB). Each run deposits and picks up a
 * new parcel on a spare door. Run with {@code bin/measure-workflow [runs]}.
 */
public final class WorkflowTimings {
    private WorkflowTimings() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Path root = Main.repoRoot(Path.of("").toAbsolutePath());
        try (DevStack stack = DevStack.start(DevStackSettings.forTests(root))) {
            Locker locker = new Locker(stack);
            List<Integer> doors = new ArrayList<>(stack.doorLayout().doors());
            doors.removeAll(stack.demoParcels().stream().map(DemoParcel::door).collect(Collectors.toList()));
            List<Double> entryToOpen = new ArrayList<>();
            List<Double> closeToStored = new ArrayList<>();
            try (Connection db = stack.mariaDb().connect("cacifo");
                 PreparedStatement status = db.prepareStatement("SELECT status FROM reservations WHERE id = ?")) {
                for (int run = 0; run < runs + 3; run++) {
                    Parcel parcel = locker.newParcel(doors.get(run % doors.size()));
                    long typed = System.nanoTime();
                    Screen opened = locker.enter(parcel.deposit, "main");
                    long open = System.nanoTime();
                    require(opened.status == 200 && locker.doorOpen(parcel.door), "deposit did not open: " + opened);
                    long closing = System.nanoTime();
                    locker.closeDoor(parcel.door);
                    awaitStatus(status, parcel.id, "IN_STORAGE");
                    long stored = System.nanoTime();
                    if (run >= 3) { // the first runs warm the JVMs up; they are reported by the JMeter plans
                        entryToOpen.add((open - typed) / 1e6);
                        closeToStored.add((stored - closing) / 1e6);
                    }
                    require(locker.enter(parcel.pickup, "main").status == 200, "pick-up did not open");
                    locker.closeDoor(parcel.door);
                    awaitStatus(status, parcel.id, "DELIVERED");
                }
            }
            System.out.printf(Locale.ROOT, "workflow timings, %d runs on the devstack, %s, %d cores%n",
                    runs, Instant.now(), Runtime.getRuntime().availableProcessors());
            System.out.println("| measure | median ms | p95 ms | min ms | max ms |");
            System.out.println("|---|---|---|---|---|");
            print("code entry -> door open", entryToOpen);
            print("door closed -> status stored", closeToStored);
        }
    }

    private static void awaitStatus(PreparedStatement status, long id, String expected) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            status.setLong(1, id);
            try (ResultSet row = status.executeQuery()) {
                if (row.next() && expected.equals(row.getString(1))) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
        throw new IllegalStateException("parcel " + id + " never became " + expected);
    }

    private static void print(String name, List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f |%n", name, percentile(sorted, 50),
                percentile(sorted, 95), sorted.get(0), sorted.get(sorted.size() - 1));
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}

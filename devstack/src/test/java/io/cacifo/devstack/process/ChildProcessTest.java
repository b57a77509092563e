package io.cacifo.devstack.process;

import io.cacifo.kit.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChildProcessTest {
    @TempDir
    Path dir;

    private ChildProcess shell(String script) {
        return new ChildProcess("probe", List.of("sh", "-c", script), Map.of(), dir, dir.resolve("logs/probe.log"),
                FreePort.or(0));
    }

    private static List<String> exitReports(LogCapture log) {
        return log.lines().stream().filter(line -> line.contains("exited on its own")).collect(Collectors.toList());
    }

    private static List<String> awaitExitReport(LogCapture log) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (exitReports(log).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return exitReports(log);
    }

    @Test
    void a_program_that_dies_on_its_own_is_reported_with_the_end_of_its_log() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            ChildProcess crashing = shell("echo 'Error: port already in use'; exit 3");

            crashing.start();
            List<String> reports = awaitExitReport(log);

            assertEquals(1, reports.size(), log.lines().toString());
            assertTrue(reports.get(0).contains("probe exited on its own with code 3"), reports.get(0));
            assertTrue(reports.get(0).contains("| Error: port already in use"), reports.get(0));
        }
    }

    @Test
    void a_program_killed_or_stopped_on_purpose_is_not_reported() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            ChildProcess killed = shell("exec sleep 30");
            ChildProcess stopped = shell("exec sleep 30");
            killed.start();
            stopped.start();

            killed.kill();
            stopped.requestStop();
            stopped.awaitStopped(Duration.ofSeconds(5));
            // Both exits handled: a report, had either been one, is in the log by now.
            killed.exitHandled().get(10, TimeUnit.SECONDS);
            stopped.exitHandled().get(10, TimeUnit.SECONDS);

            assertFalse(killed.isAlive());
            assertFalse(stopped.isAlive());
            assertEquals(List.of(), exitReports(log));
        }
    }

    @Test
    void waiting_for_the_port_of_a_program_that_exits_names_its_log() {
        ChildProcess crashing = shell("exit 1");
        crashing.start();

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> crashing.awaitPort(Duration.ofSeconds(10)));

        assertTrue(failure.getMessage().contains("probe exited with code 1 before listening on port"), failure.getMessage());
        assertTrue(failure.getMessage().contains("probe.log"), failure.getMessage());
    }
}

package io.cacifo.devstack.db;

import io.cacifo.kit.testing.LocalMariaDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The locker's MariaDB under its systemd unit (Restart=always, RestartSec=1s): a real mariadbd, killed and stopped. */
class MariaDbSupervisorTest {
    @TempDir
    Path dir;
    private LocalMariaDb server;
    private MariaDbSupervisor supervisor;

    @BeforeEach
    void start() throws Exception {
        server = LocalMariaDb.start(dir, LocalMariaDb.freePort(), "supervised", "supervised-password");
        supervisor = MariaDbSupervisor.start(server);
    }

    @AfterEach
    void stop() {
        supervisor.close();
        server.stop();
    }

    private boolean answers() {
        try (Connection connection = server.connect("mysql")) {
            return connection.isValid(1);
        } catch (SQLException down) {
            return false;
        }
    }

    /** Milliseconds until the server answers, or -1 after {@code limit}. */
    private long millisUntilAnswering(Duration limit) throws InterruptedException {
        long started = System.nanoTime();
        while (System.nanoTime() - started < limit.toNanos()) {
            if (answers()) {
                return (System.nanoTime() - started) / 1_000_000;
            }
            Thread.sleep(50);
        }
        return -1;
    }

    @Test
    void mariadb_killed_is_started_again_about_a_second_later() throws Exception {
        server.kill();
        assertFalse(answers(), "SIGKILL leaves nothing listening");

        long millis = millisUntilAnswering(Duration.ofSeconds(5));

        assertTrue(millis >= 0, "MariaDB was not restarted within 5 s; see " + dir.resolve("error.log"));
        assertTrue(millis <= 2500, "restarted after " + millis + " ms, expected RestartSec=1s plus its start");
        assertTrue(millis >= 700, "restarted after " + millis + " ms, before RestartSec=1s");
    }

    @Test
    void mariadb_stopped_on_purpose_stays_stopped_until_started() throws Exception {
        server.stopServer();

        assertTrue(millisUntilAnswering(Duration.ofSeconds(3)) < 0, "a deliberate stop must not be undone");

        server.startServer();
        assertTrue(answers());
    }

    @Test
    void mariadb_killed_twice_comes_back_each_time() throws Exception {
        for (int i = 0; i < 2; i++) {
            server.kill();
            assertTrue(millisUntilAnswering(Duration.ofSeconds(5)) >= 0, "not back after kill " + (i + 1));
        }
    }
}

package io.cacifo.kit.db;

import io.cacifo.kit.config.Config;
import io.cacifo.kit.config.Secrets;
import io.cacifo.kit.http.Replies;
import io.cacifo.kit.testing.LocalMariaDb;
import io.cacifo.kit.testing.SchemaFile;
import io.cacifo.kit.testing.TestDatabase;
import io.cacifo.kit.testing.TestLocker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kit's DB helper against a real MariaDB. */
class DbTest {
    private static TestDatabase database;
    private static Db db;
    @TempDir
    static Path secrets;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.create();
        TestLocker.writeSecret(secrets, "db-password", database.server().password());
        db = Db.connect(Config.of(database.settings()), new Secrets(secrets));
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
        database.close();
    }

    @Test
    void a_transaction_commits_when_its_work_returns() throws SQLException {
        db.inTransaction(c -> db.insert("INSERT INTO partners (name) VALUES (?)", "committed"));

        assertEquals(1, db.list("SELECT id FROM partners WHERE name = ?", r -> r.getLong(1), "committed").size());
    }

    @Test
    void a_transaction_rolls_back_everything_when_its_work_throws() {
        assertThrows(IllegalStateException.class, () -> db.inTransaction(c -> {
            db.insert("INSERT INTO partners (name) VALUES (?)", "rolled-back");
            throw new IllegalStateException("boom");
        }));

        assertEquals(Optional.empty(), find("rolled-back"));
    }

    @Test
    void an_inner_transaction_joins_the_outer_one() {
        assertThrows(SQLException.class, () -> db.inTransaction(c -> {
            db.inTransaction(inner -> db.insert("INSERT INTO partners (name) VALUES (?)", "inner"));
            return db.insert("INSERT INTO partners (name) VALUES (?)", "inner"); // duplicate: fails
        }));

        assertEquals(Optional.empty(), find("inner"), "the inner insert must roll back with the outer");
    }

    @Test
    void times_are_stored_and_read_as_utc() throws SQLException {
        java.time.Instant at = java.time.Instant.parse("2026-03-29T01:30:00.123Z");
        long id = db.insert("INSERT INTO partners (name, created_at) VALUES (?, ?)", "utc", at);

        assertEquals(at, db.find("SELECT created_at FROM partners WHERE id = ?", r -> Db.instant(r, "created_at"), id).orElseThrow());
        assertEquals("2026-03-29 01:30:00.123",
                database.scalar("SELECT DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s.%f') FROM partners WHERE id = " + id).substring(0, 23),
                "stored as UTC wall time whatever the JVM's zone");
    }

    @Test
    void the_schema_loads_twice_and_keeps_its_data() throws Exception {
        database.execute("INSERT INTO partners (name) VALUES ('kept')");

        database.execute(SchemaFile.text());
        database.execute(SchemaFile.text());

        assertEquals("1", database.scalar("SELECT COUNT(*) FROM partners WHERE name = 'kept'"));
        assertEquals("1", database.scalar("SELECT COUNT(*) FROM users WHERE id = 1 AND username = 'system'"));
    }

    @Test
    void the_pool_recovers_by_itself_after_mariadb_restarts(@TempDir Path dir) throws Exception {
        LocalMariaDb own = LocalMariaDb.start(dir.resolve("db"), LocalMariaDb.freePort(), "restart", "restart-test-pw");
        own.execute("mysql", "CREATE DATABASE restart_test");
        own.execute("restart_test", SchemaFile.text());
        Map<String, String> settings = new HashMap<>(Map.of("db_host", own.host(), "db_port", Integer.toString(own.port()),
                "db_name", "restart_test", "db_user", own.user(), "db_connect_timeout_ms", "1000"));
        TestLocker.writeSecret(dir, "db-password", own.password());
        try (Db pooled = Db.connect(Config.of(settings), new Secrets(dir))) {
            assertEquals(1L, count(pooled));

            own.stopServer();
            SQLException down = assertThrows(SQLException.class, () -> count(pooled));
            assertEquals(503, Replies.failure(down, "test", "count").status(), "a dead DB is a 503, not a 500");

            own.startServer();
            assertEquals(1L, count(pooled), "the same pool serves again without a restart of the function");
        } finally {
            own.stop();
        }
    }

    private static long count(Db pooled) throws SQLException {
        return pooled.find("SELECT COUNT(*) FROM users", r -> r.getLong(1)).orElseThrow();
    }

    private static Optional<Long> find(String name) {
        try {
            return db.find("SELECT id FROM partners WHERE name = ?", r -> r.getLong(1), name);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}

package io.cacifo.devstack.db;

import io.cacifo.devstack.Main;
import io.cacifo.kit.testing.LocalMariaDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** db/grants.sql as the devstack runs it: the functions' user reads and writes rows, and can do nothing else. */
class DevDatabaseTest {
    private static final Path REPO = Main.repoRoot(Path.of("").toAbsolutePath());
    private static final String PASSWORD = "functions-" + Long.toHexString(System.nanoTime()) + "-password";
    private static Path dataDir;
    private static LocalMariaDb server;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("dev-database-test-");
        server = DevDatabase.start(dataDir, 0, "admin-" + Long.toHexString(System.nanoTime()) + "-password", PASSWORD,
                REPO.resolve("db/schema.sql"), REPO.resolve("db/grants.sql"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static Connection asFunctions() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + server.port() + "/" + DevDatabase.NAME,
                DevDatabase.USER, PASSWORD);
    }

    @Test
    void the_functions_user_reads_adds_changes_and_removes_rows() throws Exception {
        try (Connection connection = asFunctions(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO partners (name) VALUES ('Grants Lda')");
            statement.execute("UPDATE partners SET contact_email = 'g@example.org' WHERE name = 'Grants Lda'");
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM partners WHERE name = 'Grants Lda' FOR UPDATE")) {
                rows.next();
                assertEquals(1, rows.getInt(1));
            }
            statement.execute("DELETE FROM partners WHERE name = 'Grants Lda'");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "DROP TABLE outbox_events",
            "TRUNCATE TABLE screen_throttle",
            "ALTER TABLE reservations ADD COLUMN plain_code VARCHAR(12)",
            "CREATE TABLE stolen (code VARCHAR(12))",
            "CREATE INDEX ix_stolen ON users (email)",
            "DROP DATABASE cacifo",
            "CREATE DATABASE elsewhere",
            "GRANT ALL ON cacifo.* TO 'cacifo'@'%'",
            "CREATE USER 'backdoor'@'%' IDENTIFIED BY 'backdoor-password'",
            "SELECT user, host FROM mysql.user",
            "SELECT * FROM users INTO OUTFILE '/tmp/cacifo-users.txt'",
            "CREATE TRIGGER tr BEFORE INSERT ON users FOR EACH ROW SET NEW.email = NULL",
            "LOCK TABLES reservations WRITE",
    })
    void anything_beyond_rows_is_refused(String sql) throws Exception {
        try (Connection connection = asFunctions(); Statement statement = connection.createStatement()) {
            assertThrows(SQLException.class, () -> statement.execute(sql), sql);
        }
    }

    @Test
    void the_functions_user_cannot_read_files_on_the_host() throws Exception {
        try (Connection connection = asFunctions(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT LOAD_FILE('/etc/passwd')")) {
            rows.next();
            // Without the FILE privilege LOAD_FILE is NULL, not an error: the file stays unread.
            assertNull(rows.getString(1));
        }
    }

    @Test
    void the_functions_user_holds_exactly_the_four_row_rights_on_cacifo() throws Exception {
        List<String> grants = new ArrayList<>();
        try (Connection connection = asFunctions(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW GRANTS")) {
            while (rows.next()) {
                grants.add(rows.getString(1));
            }
        }

        assertEquals(2, grants.size(), grants.toString());
        assertTrue(grants.get(0).startsWith("GRANT USAGE ON *.* TO `cacifo`@`%`"), grants.toString());
        assertEquals("GRANT SELECT, INSERT, UPDATE, DELETE ON `cacifo`.* TO `cacifo`@`%`", grants.get(1));
        assertFalse(String.join(" ", grants).contains(PASSWORD), "no password in the grants");
    }

    @Test
    void grants_sql_makes_no_account_without_a_proper_password() throws Exception {
        String grants = Files.readString(REPO.resolve("db/grants.sql"));
        try (Connection admin = server.connect("mysql"); Statement statement = admin.createStatement()) {
            statement.execute("SET @cacifo_password = 'short'");
            assertThrows(SQLException.class, () -> statement.execute(grants));
            statement.execute("SET @cacifo_password = NULL");
            assertThrows(SQLException.class, () -> statement.execute(grants));
        }
        try (Connection stillWorks = asFunctions()) {
            assertTrue(stillWorks.isValid(2), "the earlier password still stands");
        }
    }
}

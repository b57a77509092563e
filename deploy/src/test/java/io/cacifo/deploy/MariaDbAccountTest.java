package io.cacifo.deploy;

import io.cacifo.kit.testing.LocalMariaDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/faasd/mariadb/20-cacifo-user.sh on a real MariaDB, run the way the MariaDB image's
 * entrypoint runs its init files (schema first, then this file sourced, with docker_process_sql
 * piping SQL to the client) and the way install-mariadb-host.sh does.
 */
class MariaDbAccountTest {
    private static final String PASSWORD = "7f3c9a1be04d45c2a8e6b1d0c3f29e8a7f3c9a1be04d45c2a8e6b1d0c3f29e8a";
    private static final LocalMariaDb DB = LocalMariaDb.shared();

    @TempDir
    Path dir;

    @BeforeEach
    void freshServer() throws SQLException {
        DB.execute("mysql", "DROP USER IF EXISTS 'cacifo'@'%', 'cacifo'@'10.62.%'; DROP DATABASE IF EXISTS cacifo; "
                + "CREATE DATABASE cacifo CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    }

    /** Runs the init files as the entrypoint does: schema.sql through the client, then the account script sourced. */
    private Processes.Result runInitFiles(String password, String grantsFile) throws IOException {
        Path passwordFile = Files.writeString(dir.resolve("db-password"), password + "\n");
        String harness = String.join("\n",
                "set -eo pipefail",
                "docker_process_sql() { mariadb --no-defaults --protocol=TCP -h \"$DB_HOST\" -P \"$DB_PORT\" -u \"$DB_USER\" --database=cacifo; }",
                "docker_process_sql < db/schema.sql",
                ". deploy/faasd/mariadb/20-cacifo-user.sh");
        return Processes.run(List.of("bash", "-c", harness), Map.of(
                "DB_HOST", DB.host(), "DB_PORT", Integer.toString(DB.port()), "DB_USER", DB.user(),
                // The test server's administrator password, for the client only; never a locker secret.
                "MYSQL_PWD", DB.password(),
                "CACIFO_DB_PASSWORD_FILE", passwordFile.toString(), "CACIFO_GRANTS_FILE", grantsFile));
    }

    private static List<String> accounts() throws SQLException {
        List<String> accounts = new ArrayList<>();
        try (Connection connection = DB.connect("mysql"); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT CONCAT(user, '@', host) FROM mysql.user WHERE user = 'cacifo' ORDER BY host")) {
            while (rows.next()) {
                accounts.add(rows.getString(1));
            }
        }
        return accounts;
    }

    private static List<String> grants() throws SQLException {
        List<String> grants = new ArrayList<>();
        try (Connection connection = DB.connect("mysql"); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW GRANTS FOR 'cacifo'@'10.62.%'")) {
            while (rows.next()) {
                grants.add(rows.getString(1).replaceAll(" IDENTIFIED BY PASSWORD '[^']*'", ""));
            }
        }
        return grants;
    }

    private static boolean passwordIs(String password) throws SQLException {
        try (Connection connection = DB.connect("mysql");
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT authentication_string = PASSWORD(?) FROM mysql.user WHERE user = 'cacifo' AND host = '10.62.%'")) {
            statement.setString(1, password);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    @Test
    void the_functions_account_is_made_for_faasd_s_bridge_only_with_rows_only_rights() throws Exception {
        Processes.Result run = runInitFiles(PASSWORD, "db/grants.sql");

        assertEquals(0, run.exitCode, run.toString());
        assertEquals(List.of("cacifo@10.62.%"), accounts(), "not 'localhost', not '%': the containers come from 10.62.x.y");
        assertEquals(List.of("GRANT USAGE ON *.* TO `cacifo`@`10.62.%`",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON `cacifo`.* TO `cacifo`@`10.62.%`"), grants());
        assertTrue(passwordIs(PASSWORD), "the account's password is the db-password secret");
        assertFalse(run.output.contains(PASSWORD), "the password is never printed");
        assertTrue(run.output.contains("account 'cacifo'@'10.62.%' ready"), run.output);
    }

    @Test
    void running_it_again_changes_nothing_but_a_new_password() throws Exception {
        assertEquals(0, runInitFiles(PASSWORD, "db/grants.sql").exitCode);
        String next = "a".repeat(64);
        Processes.Result again = runInitFiles(next, "db/grants.sql");

        assertEquals(0, again.exitCode, again.toString());
        assertEquals(List.of("cacifo@10.62.%"), accounts());
        assertEquals(2, grants().size());
        assertTrue(passwordIs(next));
    }

    @ParameterizedTest(name = "password [{0}] is refused: {1}")
    @CsvSource(delimiter = '|', value = {
        "pass'word0123456789                 | must hold only",
        "two words 0123456789                | must hold only",
        "back\\slash0123456789               | must hold only",
        "''                                  | must hold only",
        "0123456789abcde                     | ERROR",
    })
    void a_password_that_is_unsafe_or_short_makes_no_account(String password, String message) throws Exception {
        Processes.Result run = runInitFiles(password, "db/grants.sql");

        assertNotEquals(0, run.exitCode, run.toString());
        assertTrue(run.output.contains(message), run.output);
        assertEquals(List.of(), accounts(), "no account at all rather than one without a proper password");
        assertFalse(!password.isEmpty() && run.output.contains(password), "the refused value is not printed either");
    }

    @Test
    void a_grants_file_for_another_host_is_refused_before_it_runs() throws Exception {
        Path wide = Files.writeString(dir.resolve("grants.sql"),
                Repo.read("db/grants.sql").replace("'cacifo'@'%'", "'cacifo'@'localhost'").replace("''cacifo''@''%''", "''cacifo''@''localhost''"));

        Processes.Result run = runInitFiles(PASSWORD, wide.toString());

        assertNotEquals(0, run.exitCode, run.toString());
        assertTrue(run.output.contains("no longer names 'cacifo'@'%'"), run.output);
        assertEquals(List.of(), accounts());
    }
}

package io.cacifo.devstack.db;

import io.cacifo.devstack.process.FreePort;
import io.cacifo.kit.testing.LocalMariaDb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The locker's MariaDB for the devstack: Debian's mariadbd on its own data folder, with the
 * {@code cacifo} database dropped and made again from db/schema.sql on every start, so each demo
 * starts from the same state. The data folder (users, passwords) is kept between runs.
 *
 * <p>Two accounts, as on the locker: {@value #ADMIN_USER}, which loads the schema and grants, and
 * which the devstack and tests use to look into the database; and {@value #USER}, made by
 * db/grants.sql with rows-only rights on {@code cacifo}, which the functions run as.
 */
public final class DevDatabase {
    public static final String NAME = "cacifo";
    public static final String USER = "cacifo";
    public static final String ADMIN_USER = "cacifo_admin";

    private DevDatabase() {
    }

    /**
     * Starts the server on {@code port} (0: a free one) with the administrator {@value #ADMIN_USER}
     * ({@code adminPassword}), loads {@code schema} into a fresh database and runs {@code grants}
     * so that {@value #USER} ({@code password}) may only read and write its rows.
     *
     * <p>Failure behaviour: {@link IllegalStateException} naming the log or the SQL step that failed;
     * never a password.
     */
    public static LocalMariaDb start(Path dataDir, int port, String adminPassword, String password, Path schema,
                                     Path grants) {
        String schemaSql = read(schema);
        String grantsSql = read(grants);
        LocalMariaDb server = LocalMariaDb.start(dataDir, FreePort.or(port), ADMIN_USER, adminPassword);
        try {
            server.execute("mysql", "DROP DATABASE IF EXISTS " + NAME);
            server.execute("mysql", "CREATE DATABASE " + NAME + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            server.execute(NAME, schemaSql);
        } catch (SQLException e) {
            server.stop();
            throw new IllegalStateException("could not load " + schema + " into a fresh database " + NAME
                    + ": " + e.getMessage(), e);
        }
        try (Connection admin = server.connect("mysql")) {
            // Earlier devstacks ran the functions as an all-powerful 'cacifo'@'127.0.0.1'; that account
            // would match before grants.sql's 'cacifo'@'%', so it goes.
            try (Statement statement = admin.createStatement()) {
                statement.execute("DROP USER IF EXISTS '" + USER + "'@'127.0.0.1', '" + USER + "'@'localhost'");
            }
            try (PreparedStatement setPassword = admin.prepareStatement("SET @cacifo_password = ?")) {
                setPassword.setString(1, password);
                setPassword.execute();
            }
            try (Statement statement = admin.createStatement()) {
                statement.execute(grantsSql);
                statement.execute("SET @cacifo_password = NULL");
            }
        } catch (SQLException e) {
            server.stop();
            // The driver's message may quote the statement; the password is only ever a bound parameter.
            throw new IllegalStateException("could not run " + grants + " for user " + USER + ": " + e.getMessage(), e);
        }
        return server;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }
}

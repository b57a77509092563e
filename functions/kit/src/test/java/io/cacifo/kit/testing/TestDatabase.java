package io.cacifo.kit.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A fresh database with db/schema.sql loaded, on the shared test MariaDB; dropped on close. */
public final class TestDatabase implements AutoCloseable {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private final LocalMariaDb server;
    private final String name;

    private TestDatabase(LocalMariaDb server, String name) {
        this.server = server;
        this.name = name;
    }

    public static TestDatabase create() {
        LocalMariaDb server = LocalMariaDb.shared();
        String name = "cacifo_t" + ProcessHandle.current().pid() + "_" + COUNT.incrementAndGet();
        try {
            server.execute("mysql", "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            server.execute(name, SchemaFile.text());
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return new TestDatabase(server, name);
    }

    public String name() {
        return name;
    }

    public LocalMariaDb server() {
        return server;
    }

    /** The kit settings that point a function at this database. */
    public Map<String, String> settings() {
        return Map.of("db_host", server.host(), "db_port", Integer.toString(server.port()),
                "db_name", name, "db_user", server.user());
    }

    public Connection connect() throws SQLException {
        return server.connect(name);
    }

    public void execute(String sql) throws SQLException {
        server.execute(name, sql);
    }

    /** Every row of every table, in key order, as text: compare two dumps to prove nothing changed. */
    public String dump() throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SHOW TABLES")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            tables.sort(String::compareTo);
            for (String table : tables) {
                out.append("== ").append(table).append('\n');
                try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
                    ResultSetMetaData meta = rows.getMetaData();
                    while (rows.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            out.append(meta.getColumnName(i)).append('=').append(rows.getString(i)).append(' ');
                        }
                        out.append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    /** The single value a query returns, as text (null for SQL NULL). */
    public String scalar(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            if (!rows.next()) {
                throw new AssertionError("no row for: " + sql);
            }
            return rows.getString(1);
        }
    }

    @Override
    public void close() throws SQLException {
        server.execute("mysql", "DROP DATABASE IF EXISTS " + name);
    }
}

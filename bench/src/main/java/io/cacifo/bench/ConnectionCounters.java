package io.cacifo.bench;

import io.cacifo.kit.testing.LocalMariaDb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Two counters that only grow: TCP connections this machine opened ({@code ActiveOpens} in
 * /proc/net/snmp, every process together) and connections MariaDB accepted (its {@code Connections}
 * status). Read before and after the load plan, they show whether tens of thousands of calls cost
 * tens of thousands of connections (one per call) or a few hundred (pools and keep-alive).
 */
public final class ConnectionCounters {
    final long tcpOpened;
    final long dbConnections;

    ConnectionCounters(long tcpOpened, long dbConnections) {
        this.tcpOpened = tcpOpened;
        this.dbConnections = dbConnections;
    }

    static ConnectionCounters read(LocalMariaDb db) {
        return new ConnectionCounters(tcpActiveOpens(), dbConnections(db));
    }

    static long tcpActiveOpens() {
        try {
            return activeOpens(Files.readAllLines(Path.of("/proc/net/snmp"), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read /proc/net/snmp", e);
        }
    }

    /** The Tcp: header line names the columns, the next Tcp: line holds the values. */
    static long activeOpens(List<String> snmp) {
        String[] names = null;
        for (String line : snmp) {
            if (!line.startsWith("Tcp:")) {
                continue;
            }
            String[] fields = line.trim().split("\\s+");
            if (names == null) {
                names = fields;
                continue;
            }
            for (int i = 1; i < names.length; i++) {
                if (names[i].equals("ActiveOpens")) {
                    return Long.parseLong(fields[i]);
                }
            }
        }
        throw new IllegalArgumentException("no Tcp ActiveOpens counter");
    }

    private static long dbConnections(LocalMariaDb db) {
        try (Connection connection = db.connect("cacifo"); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'Connections'")) {
            if (!row.next()) {
                throw new IllegalStateException("MariaDB has no Connections status");
            }
            return row.getLong(2);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read MariaDB's Connections status: " + e.getMessage(), e);
        }
    }
}

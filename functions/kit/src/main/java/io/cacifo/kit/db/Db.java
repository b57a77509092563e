package io.cacifo.kit.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cacifo.kit.config.Config;
import io.cacifo.kit.config.KitSecrets;
import io.cacifo.kit.config.KitSettings;
import io.cacifo.kit.config.Secrets;
import org.mariadb.jdbc.MariaDbDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.TimeZone;
import java.util.List;
import java.util.Optional;

/**
 * The one way to reach MariaDB: a small fixed pool per JVM, a connection borrowed per call and
 * returned at once, and transactions through {@link #inTransaction} (commit on return, rollback on
 * exception, an inner call joins the outer transaction on the same thread).
 *
 * <p>Failure behaviour: every method throws {@link SQLException} as the driver or pool raised it; when
 * the database is down a call fails after {@code db_connect_timeout_ms} with an
 * {@link java.sql.SQLTransientConnectionException}, which {@link io.cacifo.kit.http.Replies} answers
 * with 503. The pool starts without the database and heals by itself when it comes back: its
 * connections are retried every {@link ReconnectingDataSource#RETRY_MS} while MariaDB is unreachable,
 * so the first call after it is back is served.
 */
public final class Db implements AutoCloseable {
    /**
     * The driver logs every SQL error at WARNING with the offending value (a duplicate username, a
     * code hash). We map and log failures ourselves, so only its SEVERE records pass. Held in a
     * field because java.util.logging keeps loggers weakly.
     */
    private static final java.util.logging.Logger DRIVER_LOG = quietDriverLog();

    private static final String ALIVE_BYPASS_WINDOW = "com.zaxxer.hikari.aliveBypassWindowMs";

    private final DataSource dataSource;
    private final ThreadLocal<Connection> transaction = new ThreadLocal<>();
    private final Runnable beforeClose;

    public Db(DataSource dataSource) {
        this(dataSource, () -> { });
    }

    private Db(DataSource dataSource, Runnable beforeClose) {
        this.dataSource = dataSource;
        this.beforeClose = beforeClose;
    }

    /** A pool for the function's database from {@code db_*} settings and the {@code db-password} secret. */
    public static Db connect(Config config, Secrets secrets) {
        int connectTimeoutMs = config.getInt(KitSettings.DB_CONNECT_TIMEOUT, 1);
        String address = config.get(KitSettings.DB_HOST) + ":" + config.getInt(KitSettings.DB_PORT, 1, 65535)
                + "/" + config.get(KitSettings.DB_NAME);
        ReconnectingDataSource source;
        try {
            source = new ReconnectingDataSource(new MariaDbDataSource("jdbc:mariadb://" + address
                    + "?connectTimeout=" + connectTimeoutMs), "MariaDB at " + address);
        } catch (SQLException e) {
            throw new IllegalStateException("[db] bad database address " + address, e);
        }
        // HikariCP lends a connection used in the last 0.5 s without checking it (HikariPool's
        // aliveBypassWindowMs, read from this system property when a pool is made): after a MariaDB
        // restart quicker than that, a call would get a dead connection and a 503. Checking every
        // borrow costs one ping on the local socket.
        if (System.getProperty(ALIVE_BYPASS_WINDOW) == null) {
            System.setProperty(ALIVE_BYPASS_WINDOW, "0");
        }
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("cacifo-db");
        // Not a jdbcUrl: HikariCP backs off up to 5 s between failed connects; this source does not.
        pool.setDataSource(source);
        pool.setUsername(config.get(KitSettings.DB_USER));
        pool.setPassword(secrets.require(KitSecrets.DB_PASSWORD));
        // Fixed size: minimumIdle left unset so it equals the maximum, as HikariCP advises.
        pool.setMaximumPoolSize(config.getInt(KitSettings.DB_POOL_SIZE, 1));
        pool.setConnectionTimeout(connectTimeoutMs);
        pool.setValidationTimeout(Math.min(1000, connectTimeoutMs));
        // Below MariaDB's wait_timeout (8 h) and below any NAT/bridge idle cut on the Pi.
        pool.setMaxLifetime(30 * 60 * 1000L);
        // Start even when MariaDB is not up yet (boot order on faasd); calls get 503 until it is.
        pool.setInitializationFailTimeout(-1);
        // DATETIME columns hold UTC: NOW() and defaults in SQL, and instants bound from Java, agree.
        pool.setConnectionInitSql("SET time_zone = '+00:00'");
        return new Db(new HikariDataSource(pool), source::close);
    }

    /** Runs {@code work} in a transaction, or inside the caller's when one is open on this thread. */
    public <T> T inTransaction(SqlWork<T> work) throws SQLException {
        Connection outer = transaction.get();
        if (outer != null) {
            return work.run(outer);
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            transaction.set(connection);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error failure) {
                rollbackQuietly(connection, failure);
                throw failure;
            } finally {
                transaction.remove();
                connection.setAutoCommit(true);
            }
        }
    }

    /** Runs {@code work} with a connection: the open transaction's, or one borrowed for this call. */
    public <T> T withConnection(SqlWork<T> work) throws SQLException {
        Connection outer = transaction.get();
        if (outer != null) {
            return work.run(outer);
        }
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        }
    }

    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        return withConnection(connection -> {
            try (PreparedStatement statement = prepare(connection, sql, params);
                 ResultSet rows = statement.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(mapper.map(rows));
                }
                return out;
            }
        });
    }

    public <T> Optional<T> find(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        List<T> rows = list(sql, mapper, params);
        if (rows.size() > 1) {
            throw new SQLException("expected at most one row, got " + rows.size());
        }
        return rows.stream().findFirst();
    }

    /** Runs an INSERT/UPDATE/DELETE; returns the number of rows changed. */
    public int update(String sql, Object... params) throws SQLException {
        return withConnection(connection -> {
            try (PreparedStatement statement = prepare(connection, sql, params)) {
                return statement.executeUpdate();
            }
        });
    }

    /** Runs an INSERT and returns the AUTO_INCREMENT key it generated. */
    public long insert(String sql, Object... params) throws SQLException {
        return withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
                bind(statement, params);
                statement.executeUpdate();
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new SQLException("the insert generated no key");
                    }
                    return keys.getLong(1);
                }
            }
        });
    }

    /** Reads a nullable DATETIME column, stored in UTC, as an instant. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column, utc());
        return value == null ? null : value.toInstant();
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            bind(statement, params);
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object param = params[i];
            if (param instanceof Instant) {
                statement.setTimestamp(i + 1, Timestamp.from((Instant) param), utc());
            } else if (param instanceof Enum) {
                statement.setString(i + 1, ((Enum<?>) param).name());
            } else {
                statement.setObject(i + 1, param);
            }
        }
    }

    private static java.util.logging.Logger quietDriverLog() {
        java.util.logging.Logger driver = java.util.logging.Logger.getLogger("org.mariadb.jdbc");
        driver.setLevel(java.util.logging.Level.SEVERE);
        return driver;
    }

    /** A fresh calendar each time: Calendar is mutable and the driver may use it across threads. */
    private static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    }

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    @Override
    public void close() {
        beforeClose.run();
        if (dataSource instanceof AutoCloseable) {
            try {
                ((AutoCloseable) dataSource).close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the pool failed", e);
            }
        }
    }
}

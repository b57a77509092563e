package io.cacifo.kit.db;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where {@link Db}'s pool gets its connections: the driver's, except that while MariaDB cannot be
 * reached it tries again every {@link #RETRY_MS} instead of failing.
 *
 * <p>Why: HikariCP 5.1's connection adder (HikariPool.PoolEntryCreator) sleeps after each failed
 * attempt, doubling from 10 ms up to 5 s, and no setting bounds that. After a few seconds of outage
 * the first call after MariaDB returns would wait out that sleep and get a 503 (measured: 3.4-4 s
 * before a call succeeded). Only the adder's single thread ever comes here, so waiting here costs no
 * caller anything: a call still gives up after HikariCP's connectionTimeout (db_connect_timeout_ms)
 * with a 503, and the pool stays at its fixed size. Other failures (a wrong password) fail at once,
 * as before, and HikariCP backs off.
 */
final class ReconnectingDataSource implements DataSource {
    private static final Logger LOG = Logger.getLogger(ReconnectingDataSource.class.getName());
    /** How soon a MariaDB that is back gets its first pooled connection. */
    static final long RETRY_MS = 100;

    private final DataSource driver;
    private final String label;
    private volatile boolean closed;

    ReconnectingDataSource(DataSource driver, String label) {
        this.driver = driver;
        this.label = label;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connect(null, null);
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return connect(user, password);
    }

    /** Ends the retrying, so the pool's adder thread can finish when the pool shuts down. */
    void close() {
        closed = true;
    }

    private Connection connect(String user, String password) throws SQLException {
        long since = 0;
        while (true) {
            try {
                Connection connection = user == null ? driver.getConnection() : driver.getConnection(user, password);
                if (since != 0) {
                    LOG.info("[db] " + label + " reachable again after "
                            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since) + " ms");
                }
                return connection;
            } catch (SQLException failure) {
                if (closed || !SqlErrors.isConnectionFailure(failure)) {
                    throw failure;
                }
                if (since == 0) {
                    since = System.nanoTime();
                    LOG.log(Level.WARNING, "[db] " + label + " unreachable, trying again every " + RETRY_MS
                            + " ms: " + failure.getMessage());
                }
                pause(failure);
            }
        }
    }

    private static void pause(SQLException failure) throws SQLException {
        try {
            Thread.sleep(RETRY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    /** Ignored: the driver's connectTimeout, in the URL from db_connect_timeout_ms, is the one bound. */
    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return driver.getLoginTimeout();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return driver.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        driver.setLogWriter(out);
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return driver.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : driver.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || driver.isWrapperFor(type);
    }
}

package io.cacifo.kit.db;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.Optional;

/** What a MariaDB failure means, in one place: the error numbers and SQL states the locker acts on. */
public final class SqlErrors {
    /** A unique key already holds the value. */
    public static final int DUPLICATE_KEY = 1062;
    /** A foreign key still points at the row being deleted. */
    public static final int ROW_IS_REFERENCED = 1451;
    /** A foreign key points at no row. */
    public static final int NO_REFERENCED_ROW = 1452;
    /** A CHECK constraint refused the value. */
    public static final int CHECK_FAILED = 4025;
    public static final int LOCK_WAIT_TIMEOUT = 1205;
    public static final int DEADLOCK = 1213;

    private SqlErrors() {
    }

    public static boolean isDuplicateKey(SQLException e) {
        return e.getErrorCode() == DUPLICATE_KEY;
    }

    /**
     * The database could not be reached or the connection broke (SQL state class 08). HikariCP's "no
     * connection within the timeout" is an SQLTransientConnectionException, which counts too.
     */
    public static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException
                || e instanceof SQLNonTransientConnectionException
                || (state != null && state.startsWith("08"));
    }

    /**
     * Worth trying again later: the DB unreachable, a lock wait timed out, or a deadlock chose this
     * transaction. The one rule for which database failures are 503 rather than 500 (Replies#failure).
     */
    public static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return isConnectionFailure(e) || e instanceof SQLTransientException
                || e.getErrorCode() == LOCK_WAIT_TIMEOUT || e.getErrorCode() == DEADLOCK
                || (state != null && state.startsWith("40"));
    }

    /** The first SQLException in a cause chain. */
    public static Optional<SQLException> find(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                return Optional.of((SQLException) cause);
            }
        }
        return Optional.empty();
    }
}

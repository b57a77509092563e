package io.cacifo.kit.http;

import io.cacifo.kit.db.SqlErrors;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * The database refusing a statement because of what the caller sent, and the 4xx each is: the one
 * map from a MariaDB refusal to a reply. {@link Replies#failure} answers one with the message here;
 * {@link #explaining} lets an action name the record instead.
 */
public enum SqlRefusal {
    /** A unique key already holds the value. */
    DUPLICATE(SqlErrors.DUPLICATE_KEY, 409, "duplicate", "a record with the same unique value exists"),
    /** A foreign key still points at the row being deleted. */
    IN_USE(SqlErrors.ROW_IS_REFERENCED, 409, "in_use", "the record is still referenced by others"),
    /** A foreign key points at no row. */
    UNKNOWN_REFERENCE(SqlErrors.NO_REFERENCED_ROW, 400, "unknown_reference", "a referenced record does not exist"),
    /** A CHECK constraint refused the value. */
    INVALID_FIELD(SqlErrors.CHECK_FAILED, 400, "invalid_field", "a value is outside what the locker accepts");

    private final int errorCode;
    private final int status;
    private final String error;
    private final String message;

    SqlRefusal(int errorCode, int status, String error, String message) {
        this.errorCode = errorCode;
        this.status = status;
        this.error = error;
        this.message = message;
    }

    /** A statement the database may refuse. */
    @FunctionalInterface
    public interface Statement<T> {
        T run() throws SQLException;
    }

    /** A statement that returns nothing. */
    @FunctionalInterface
    public interface Update {
        void run() throws SQLException;
    }

    /**
     * Runs {@code statement}; when the database refuses it for a reason in {@code messages}, throws
     * that refusal's {@link ApiException} with the message given. Any other failure is thrown
     * unchanged, for {@link Replies#failure}.
     */
    public static <T> T explaining(Map<SqlRefusal, String> messages, Statement<T> statement) throws SQLException {
        try {
            return statement.run();
        } catch (SQLException e) {
            SqlRefusal refusal = of(e).filter(messages::containsKey).orElseThrow(() -> e);
            throw new ApiException(refusal.status, refusal.error, messages.get(refusal));
        }
    }

    /** As {@link #explaining(Map, Statement)} for a statement that returns nothing. */
    public static void explaining(Map<SqlRefusal, String> messages, Update update) throws SQLException {
        explaining(messages, () -> {
            update.run();
            return null;
        });
    }

    static Optional<SqlRefusal> of(SQLException failure) {
        for (SqlRefusal refusal : values()) {
            if (refusal.errorCode == failure.getErrorCode()) {
                return Optional.of(refusal);
            }
        }
        return Optional.empty();
    }

    ApiException answer() {
        return new ApiException(status, error, message);
    }
}

package io.cacifo.screen;

import io.cacifo.kit.db.Db;
import io.cacifo.kit.db.SqlErrors;
import io.cacifo.kit.outbox.Outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The screen_throttle table: wrong codes per screen and the tiered lockouts they cause. It lives in
 * the database so a lockout survives a restart of the function. Times come from {@code clock}; on
 * the Pi the JVM and MariaDB share one clock.
 */
final class ScreenThrottle {

    private final Db db;
    private final Clock clock;

    ScreenThrottle(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The time left in the screen's lockout, when it is locked out now. */
    Optional<Duration> lockedFor(String screenId) throws SQLException {
        Instant now = clock.instant();
        return db.find("SELECT locked_until FROM screen_throttle WHERE screen_id = ?",
                        row -> Optional.ofNullable(Db.instant(row, "locked_until")), screenId)
                .flatMap(until -> until)
                .filter(until -> until.isAfter(now))
                .map(until -> Duration.between(now, until));
    }

    /**
     * Counts one wrong code. Returns the lockout in force afterwards: a new one when this was the
     * fifth wrong code in a row (written with its {@code screen.locked_out} event in the same
     * transaction), or the rest of one that began while this code was being checked.
     */
    Optional<Duration> recordFailure(String screenId) throws SQLException {
        try {
            return db.inTransaction(connection -> countFailure(screenId));
        } catch (SQLException e) {
            if (e.getErrorCode() != SqlErrors.DEADLOCK) {
                throw e;
            }
            return db.inTransaction(connection -> countFailure(screenId));
        }
    }

    /** A code that opened a door: the person at the screen is not guessing, so the count starts over. */
    void recordSuccess(String screenId) throws SQLException {
        db.update("UPDATE screen_throttle SET failures = 0, lockouts = 0"
                + " WHERE screen_id = ? AND (failures <> 0 OR lockouts <> 0)", screenId);
    }

    private Optional<Duration> countFailure(String screenId) throws SQLException {
        Instant now = clock.instant();
        // The row lock serialises wrong codes on one screen, so none is lost between read and write.
        db.update("INSERT INTO screen_throttle (screen_id) VALUES (?) ON DUPLICATE KEY UPDATE screen_id = screen_id", screenId);
        Row row = db.find("SELECT failures, lockouts, locked_until, last_failure_at FROM screen_throttle"
                + " WHERE screen_id = ? FOR UPDATE", ScreenThrottle::row, screenId)
                .orElseThrow(() -> new SQLException("screen_throttle row vanished inside its transaction"));
        int failures = row.failures;
        int lockouts = row.lockouts;
        if (row.lastFailureAt != null && row.lastFailureAt.isBefore(now.minus(LockoutTiers.QUIET_RESET))) {
            failures = 0;
            lockouts = 0;
        }
        failures++;
        if (failures >= LockoutTiers.FAILURES_PER_LOCKOUT) {
            Duration lockout = LockoutTiers.next(lockouts);
            Instant until = now.plus(lockout);
            db.update("UPDATE screen_throttle SET failures = 0, lockouts = ?, locked_until = ?, last_failure_at = ?"
                    + " WHERE screen_id = ?", lockouts + 1, until, now, screenId);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("screen_id", screenId);
            payload.put("lockouts", lockouts + 1);
            payload.put("lockout_seconds", lockout.getSeconds());
            payload.put("locked_until", until);
            Outbox.append(db, "screen.locked_out", null, null, payload);
            return Optional.of(lockout);
        }
        db.update("UPDATE screen_throttle SET failures = ?, lockouts = ?, last_failure_at = ? WHERE screen_id = ?",
                failures, lockouts, now, screenId);
        if (row.lockedUntil != null && row.lockedUntil.isAfter(now)) {
            return Optional.of(Duration.between(now, row.lockedUntil));
        }
        return Optional.empty();
    }

    private static Row row(ResultSet row) throws SQLException {
        return new Row(row.getInt("failures"), row.getInt("lockouts"),
                Db.instant(row, "locked_until"), Db.instant(row, "last_failure_at"));
    }

    private static final class Row {
        final int failures;
        final int lockouts;
        final Instant lockedUntil;
        final Instant lastFailureAt;

        Row(int failures, int lockouts, Instant lockedUntil, Instant lastFailureAt) {
            this.failures = failures;
            this.lockouts = lockouts;
            this.lockedUntil = lockedUntil;
            this.lastFailureAt = lastFailureAt;
        }
    }
}

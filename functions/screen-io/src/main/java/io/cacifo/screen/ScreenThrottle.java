package io.cacifo.screen;

import io.cacifo.kit.db.Db;
import io.cacifo.kit.db.SqlErrors;
import io.cacifo.kit.db.SqlWork;
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
 * The screen_throttle table: wrong codes per screen and the tiered lockouts they cause
 * ({@link LockoutTiers}). It lives in the database so a lockout survives a restart of the function.
 *
 * <p>Fail closed: a code is counted as wrong when it is admitted, before the controller is asked,
 * and given back only once it has opened a door. A crash, a timeout or a database error in between
 * leaves the guess counted. Times come from {@code clock}; on the Pi the JVM and MariaDB share one clock.
 */
final class ScreenThrottle {

    private final Db db;
    private final Clock clock;

    ScreenThrottle(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A code let through to the controller, counted as wrong until {@link #giveBack} says otherwise. */
    static final class Attempt {
        /** The run's last wrong code before this attempt, restored when the attempt is given back. */
        private final Instant lastFailureBefore;

        private Attempt(Instant lastFailureBefore) {
            this.lastFailureBefore = lastFailureBefore;
        }
    }

    /** How many screens are locked out now (their lockout ends after the throttle's clock). */
    long countLockedOut() throws SQLException {
        return db.find("SELECT COUNT(*) FROM screen_throttle WHERE locked_until > ?", row -> row.getLong(1),
                clock.instant()).orElse(0L);
    }

    /**
     * Either refuses the code (the time left in the screen's lockout, which may start now when wrong
     * codes left uncounted by a crash already fill the run) or counts it as a wrong code and admits it.
     */
    Admission admit(String screenId) throws SQLException {
        return retriedOnDeadlock(connection -> {
            Instant now = clock.instant();
            Row row = lockRow(screenId, now);
            if (row.lockedUntil != null && row.lockedUntil.isAfter(now)) {
                return Admission.refused(Duration.between(now, row.lockedUntil));
            }
            if (row.failures >= LockoutTiers.FAILURES_PER_LOCKOUT) {
                return Admission.refused(startLockout(screenId, row, now));
            }
            db.update("UPDATE screen_throttle SET failures = ?, lockouts = ?, last_failure_at = ? WHERE screen_id = ?",
                    row.failures + 1, row.lockouts, now, screenId);
            return Admission.admitted(new Attempt(row.failures == 0 ? null : row.lastFailureAt));
        });
    }

    /**
     * The admitted code was wrong (it is counted already). Returns the lockout in force afterwards: a
     * new one when this was the fifth wrong code of the run, written with its {@code screen.locked_out}
     * event in the same transaction.
     */
    Optional<Duration> lockIfDue(String screenId) throws SQLException {
        return retriedOnDeadlock(connection -> {
            Instant now = clock.instant();
            Row row = lockRow(screenId, now);
            if (row.failures >= LockoutTiers.FAILURES_PER_LOCKOUT) {
                return Optional.of(startLockout(screenId, row, now));
            }
            if (row.lockedUntil != null && row.lockedUntil.isAfter(now)) {
                return Optional.of(Duration.between(now, row.lockedUntil));
            }
            return Optional.empty();
        });
    }

    /**
     * The admitted code was a real one (it opened a door, or its door was open already): it is no
     * longer counted. Nothing else changes: a valid code resets neither the run nor the tier.
     */
    void giveBack(String screenId, Attempt attempt) throws SQLException {
        db.update("UPDATE screen_throttle SET failures = GREATEST(failures - 1, 0), last_failure_at = ?"
                + " WHERE screen_id = ?", attempt.lastFailureBefore, screenId);
    }

    /** The screen's row, locked, with the run and the tier forgotten when they have been quiet long enough. */
    private Row lockRow(String screenId, Instant now) throws SQLException {
        // The row lock serialises a screen's counts, so none is lost between read and write.
        db.update("INSERT INTO screen_throttle (screen_id) VALUES (?) ON DUPLICATE KEY UPDATE screen_id = screen_id", screenId);
        Row row = db.find("SELECT failures, lockouts, locked_until, last_failure_at FROM screen_throttle"
                + " WHERE screen_id = ? FOR UPDATE", ScreenThrottle::row, screenId)
                .orElseThrow(() -> new SQLException("screen_throttle row vanished inside its transaction"));
        boolean runQuiet = row.lastFailureAt == null || !row.lastFailureAt.isAfter(now.minus(LockoutTiers.RUN_QUIET));
        boolean tierQuiet = row.lockedUntil == null || !row.lockedUntil.isAfter(now.minus(LockoutTiers.TIER_QUIET));
        return new Row(runQuiet ? 0 : row.failures, tierQuiet ? 0 : row.lockouts, row.lockedUntil, row.lastFailureAt);
    }

    private Duration startLockout(String screenId, Row row, Instant now) throws SQLException {
        Duration lockout = LockoutTiers.next(row.lockouts);
        Instant until = now.plus(lockout);
        db.update("UPDATE screen_throttle SET failures = 0, lockouts = ?, locked_until = ? WHERE screen_id = ?",
                row.lockouts + 1, until, screenId);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("screen_id", screenId);
        payload.put("lockouts", row.lockouts + 1);
        payload.put("lockout_seconds", lockout.getSeconds());
        payload.put("locked_until", until);
        Outbox.append(db, "screen.locked_out", null, null, payload);
        return lockout;
    }

    /** Two first codes of a new screen at once can deadlock on the insert; the loser simply goes again. */
    private <T> T retriedOnDeadlock(SqlWork<T> work) throws SQLException {
        try {
            return db.inTransaction(work);
        } catch (SQLException e) {
            if (e.getErrorCode() != SqlErrors.DEADLOCK) {
                throw e;
            }
            return db.inTransaction(work);
        }
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

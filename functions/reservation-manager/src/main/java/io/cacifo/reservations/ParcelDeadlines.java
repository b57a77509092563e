package io.cacifo.reservations;

import io.cacifo.kit.db.Db;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.outbox.Outbox;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A stored parcel's pick-up deadline ({@code expires_at}), on the database's clock: set at deposit
 * when the back-end gave none, a reminder once {@code reminder_before} ahead of it, EXPIRED once past
 * it (the sweep, {@link #sweep}, or a back-up code that finds it past first), and moved by the
 * back-end. Every step writes its outbox event in the transaction of the change it reports.
 */
public final class ParcelDeadlines {
    static final String REMINDER = "parcel.pickup_reminder";
    static final String EXPIRED = "parcel.expired";
    static final String RETURNED = "parcel.returned";
    static final String EXTENDED = "parcel.deadline_extended";
    /** Parcels one sweep reminds, and then expires, at most: a call stays short, the next one goes on. */
    static final int SWEEP_LIMIT = 200;

    private final Db db;
    private final ReservationDao reservations;
    private final DbClock clock;
    private final Duration pickupWindow;
    private final Duration reminderBefore;

    /**
     * @param pickupWindow   the deadline after deposit when the back-end gave none (setting {@code pickup_days})
     * @param reminderBefore how long before the deadline the reminder goes (setting {@code reminder_before_minutes})
     */
    public ParcelDeadlines(Db db, Duration pickupWindow, Duration reminderBefore) {
        this.db = db;
        this.reservations = new ReservationDao(db);
        this.clock = new DbClock(db);
        this.pickupWindow = pickupWindow;
        this.reminderBefore = reminderBefore;
    }

    /** The deadline of a parcel deposited {@code depositedAt} that has none from the back-end. */
    Instant afterDeposit(Instant depositedAt) {
        return depositedAt.plus(pickupWindow);
    }

    /** What one sweep did. */
    public static final class Swept {
        final int reminded;
        final int expired;

        Swept(int reminded, int expired) {
            this.reminded = reminded;
            this.expired = expired;
        }
    }

    /**
     * One sweep, at the database's now: reminders first (stored parcels whose deadline is within
     * {@code reminder_before} and not yet passed, never reminded), then expiry (stored parcels past
     * their deadline). At most {@link #SWEEP_LIMIT} of each; each parcel in its own transaction,
     * re-checked under its lock, so a sweep racing another, a code or an update acts once.
     */
    public Swept sweep() throws SQLException {
        Instant now = clock.now();
        Instant windowEnd = now.plus(reminderBefore);
        int reminded = 0;
        for (long id : reservations.remindersDue(now, windowEnd, SWEEP_LIMIT)) {
            if (db.inTransaction(connection -> remind(id, now, windowEnd))) {
                reminded++;
            }
        }
        int expired = 0;
        for (long id : reservations.expiriesDue(now, SWEEP_LIMIT)) {
            boolean done = db.inTransaction(connection -> {
                ReservationState parcel = reservations.lockById(id).orElse(null);
                return parcel != null && parcel.status == ReservationStatus.IN_STORAGE
                        && CodeRules.pastDeadline(parcel.expiresAt, now) && expire(parcel, now);
            });
            if (done) {
                expired++;
            }
        }
        return new Swept(reminded, expired);
    }

    private boolean remind(long id, Instant now, Instant windowEnd) throws SQLException {
        ReservationState parcel = reservations.lockById(id).orElse(null);
        if (parcel == null || !reservations.markReminded(id, now, windowEnd)) {
            return false;
        }
        Outbox.append(db, REMINDER, parcel.id, parcel.doorId, payload(parcel, parcel.status, null, parcel.expiresAt, now));
        return true;
    }

    /**
     * Moves a locked, stored parcel past its deadline to EXPIRED and writes {@code parcel.expired};
     * call inside the transaction that locked it. False when it was not stored past its deadline.
     */
    boolean expire(ReservationState parcel, Instant now) throws SQLException {
        if (!reservations.markExpired(parcel.id, now)) {
            return false;
        }
        Outbox.append(db, EXPIRED, parcel.id, parcel.doorId,
                payload(parcel, ReservationStatus.EXPIRED, ReservationStatus.IN_STORAGE, parcel.expiresAt, now));
        return true;
    }

    /**
     * Refuses a new deadline the parcel cannot take, before anything changes: a parcel that has
     * ended (DELIVERED, RETURNED, CANCELLED) is 409 invalid_transition; a deadline together with a
     * status is 400, as the two would say different things about the parcel's end.
     */
    static void requireDeadlineChangeable(ReservationState current, ReservationChange change) {
        if (change.expiresAt == null) {
            return;
        }
        if (change.status != null) {
            throw ApiException.badRequest("invalid_field", "give either 'expires_at' or 'status', not both");
        }
        if (!current.status.isActive() && current.status != ReservationStatus.EXPIRED) {
            throw ApiException.conflict("invalid_transition", "a parcel that is " + current.status
                    + " has no pick-up deadline to change (only ARRIVING, IN_STORAGE or EXPIRED)");
        }
    }

    /**
     * What a new deadline does to a stored or expired parcel, after the update wrote it, in the
     * update's transaction: the reminder is due again, an EXPIRED parcel whose new deadline is
     * ahead is IN_STORAGE again (its pick-up code opens), and {@code parcel.deadline_extended} is
     * written. An arriving parcel, or the same deadline again, changes nothing more and sends nothing.
     */
    void deadlineSet(ReservationState before, Instant deadline, Instant now) throws SQLException {
        if ((before.status != ReservationStatus.IN_STORAGE && before.status != ReservationStatus.EXPIRED)
                || deadline.equals(before.expiresAt)) {
            return;
        }
        boolean stored = before.status == ReservationStatus.EXPIRED && now.isBefore(deadline);
        reservations.deadlineMoved(before.id, stored);
        ReservationStatus after = stored ? ReservationStatus.IN_STORAGE : before.status;
        Map<String, Object> payload = payload(before, after, before.status, deadline, now);
        payload.put("previous_expires_at", before.expiresAt == null ? null : before.expiresAt.toString());
        Outbox.append(db, EXTENDED, before.id, before.doorId, payload);
    }

    /** What every deadline event says (docs/api.md, "Back-end events"); {@code previous} null leaves previous_status out. */
    private static Map<String, Object> payload(ReservationState parcel, ReservationStatus status,
                                               ReservationStatus previous, Instant expiresAt, Instant now) {
        Map<String, Object> payload = ParcelEventPayload.start(parcel.externalId, status, previous);
        payload.put("door_id", parcel.doorId);
        payload.put("expires_at", expiresAt.toString());
        payload.put("at", now.toString());
        return payload;
    }
}

package io.cacifo.reservations;

import io.cacifo.kit.db.Db;
import io.cacifo.kit.doors.DoorOperation;
import io.cacifo.kit.doors.DoorOperationDao;
import io.cacifo.kit.doors.OperationState;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.outbox.Outbox;
import io.cacifo.kit.security.CodeHasher;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a typed code does: {@link #validate} says which door it opens without changing anything;
 * {@link #disable} uses it up and moves the parcel on; {@link #complete} does the same for a door
 * operation the controller journaled, by parcel and kind (the controller's one way to move a parcel
 * after its door, since it keeps no code). A code is hashed first and only the hash is looked up; no
 * reply, message or log here carries the code.
 */
public final class ParcelCodes {
    private final Db db;
    private final ReservationDao reservations;
    private final CodeDao codes;
    private final DoorDao doors;
    private final DoorOperationDao journal;
    private final DbClock clock;
    private final CodeHasher hasher;
    private final Duration grace;
    private final ParcelDeadlines deadlines;

    /**
     * @param grace     how long a used code re-opens its door (setting {@code code_grace_seconds}); zero: never
     * @param deadlines sets the deadline a deposit leaves and expires a parcel a back-up code finds past it
     */
    public ParcelCodes(Db db, CodeHasher hasher, Duration grace, ParcelDeadlines deadlines) {
        this.db = db;
        this.reservations = new ReservationDao(db);
        this.codes = new CodeDao(db);
        this.doors = new DoorDao(db);
        this.journal = new DoorOperationDao(db);
        this.clock = new DbClock(db);
        this.hasher = hasher;
        this.grace = grace;
        this.deadlines = deadlines;
    }

    /**
     * The door {@code code} opens now, or 404 invalid_code; a malformed code is 400 invalid_code; a
     * real code that opens nothing for a reason the person is told is {@link CodeRefusal} (409).
     */
    public CodeMatch validate(String code) throws SQLException {
        CodeLookup found = codes.findMatch(hasher.hash(code)).orElseThrow(ParcelCodes::opensNothing);
        ReservationState parcel = found.reservation;
        CodeVerdict verdict = CodeRules.judge(found.code.kind, found.code.usedAt, parcel.status, parcel.expiresAt,
                found.now, grace);
        refuseWithReason(verdict, found.code.kind);
        if (verdict == CodeVerdict.NOTHING
                || (verdict == CodeVerdict.OPENS_AGAIN && !CodeRules.doorAsTheUseLeftIt(found.code.kind,
                        parcel.status, doorSince(parcel, found.code.usedAt)))) {
            throw opensNothing();
        }
        return new CodeMatch(parcel.id, parcel.externalId, parcel.doorId, found.code.kind, parcel.status,
                verdict == CodeVerdict.OPENS_AGAIN);
    }

    /** What became of the parcel's door since its code was used {@code usedAt}; a door that is gone opens nothing. */
    private DoorSinceUse doorSince(ReservationState parcel, Instant usedAt) throws SQLException {
        DoorState state = doors.findState(parcel.doorId).orElse(DoorState.OUT_OF_SERVICE);
        boolean other = reservations.otherParcelAtDoorSince(parcel.doorId, parcel.id, usedAt)
                || journal.otherParcelOpenedSince(parcel.doorId, parcel.id, usedAt);
        return new DoorSinceUse(state, other);
    }

    /**
     * Uses {@code code} once, in one transaction: the code row and then the parcel are locked, the
     * code is checked still unused and valid, marked used, the parcel and its door move on, and the
     * outbox event is written. Of concurrent disables of one code the first wins and the others,
     * waiting on the code row's lock, then find it used: 409 already_used.
     */
    public CodeUsed disable(String code) throws SQLException {
        String hash = hasher.hash(code);
        return db.inTransaction(connection -> {
            StoredCode stored = codes.lockByHash(hash).orElseThrow(ParcelCodes::opensNothing);
            ReservationState parcel = reservations.lockById(stored.reservationId).orElseThrow(ParcelCodes::opensNothing);
            if (stored.usedAt != null) {
                throw ApiException.conflict("already_used", "this code has been used already");
            }
            Instant now = clock.now();
            CodeVerdict verdict = CodeRules.judge(stored.kind, null, parcel.status, parcel.expiresAt, now, grace);
            refuseWithReason(verdict, stored.kind);
            if (verdict != CodeVerdict.OPENS) {
                throw opensNothing();
            }
            return use(hash, stored.kind, parcel, now, now, Map.of());
        });
    }

    /**
     * What {@link #disable} does, for the code of {@code kind} of a parcel whose door the controller
     * journaled as opened (operation {@code operationId}); the controller does not keep the code, so
     * here it is known only as a hash. Idempotent: a code used already is answered with applied=false
     * and nothing changes. The code is judged as it stood when the door was opened, and counts as
     * used from then, so a late completion (a reconciliation after a crash: {@code reconciled}, which
     * the event reports) neither refuses a courier who was let in nor stretches the grace period.
     * Failure behaviour: 404 not_found when no such operation of that parcel and kind was journaled;
     * 409 invalid_transition for a grace re-open, a door that never opened, or a code that no longer
     * applies (the parcel moved on meanwhile).
     */
    public CodeCompletion complete(long reservationId, CodeKind kind, long operationId, boolean reconciled)
            throws SQLException {
        return db.inTransaction(connection -> {
            DoorOperation operation = journal.find(operationId)
                    .filter(found -> Long.valueOf(reservationId).equals(found.reservationId) && found.kind.equals(kind.name()))
                    .orElseThrow(() -> ApiException.notFound("no door operation " + operationId + " of parcel "
                            + reservationId + " with its " + kind + " code"));
            if (operation.grace || operation.state == OperationState.FAILED) {
                throw ApiException.conflict("invalid_transition", "door operation " + operationId
                        + (operation.grace ? " re-opened the door in the grace period and uses no code"
                        : " never opened the door"));
            }
            String hash = codes.lockHashOf(reservationId, kind).orElseThrow(() ->
                    ApiException.notFound("parcel " + reservationId + " has no " + kind + " code"));
            StoredCode stored = codes.lockByHash(hash).orElseThrow(() ->
                    new IllegalStateException("the code of parcel " + reservationId + " vanished under its lock"));
            ReservationState parcel = reservations.lockById(reservationId).orElseThrow(() ->
                    ApiException.notFound("no reservation " + reservationId));
            if (stored.usedAt != null) {
                return new CodeCompletion(parcel.id, parcel.doorId, kind, parcel.status, false, null);
            }
            // As the parcel stood when the door opened: one the sweep expired since was still stored then.
            ReservationStatus asOpened = CodeRules.statusAt(parcel.status, parcel.expiresAt, operation.startedAt);
            if (CodeRules.judge(kind, null, asOpened, parcel.expiresAt, operation.startedAt, grace) != CodeVerdict.OPENS) {
                throw ApiException.conflict("invalid_transition", "the parcel is " + parcel.status
                        + "; its " + kind + " code no longer applies");
            }
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("operation_id", operationId);
            extra.put("reconciled", reconciled);
            CodeUsed used = use(hash, kind, parcel, operation.startedAt, clock.now(), extra);
            return new CodeCompletion(used.reservationId, used.doorId, kind, used.status, true, used.eventId);
        });
    }

    /**
     * Marks the locked, checked code used {@code at}, moves the parcel and its door, and writes the
     * event. A back-up code that finds a stored parcel past its deadline (not swept yet) expires it
     * first, with its own event, so the back-end hears parcel.expired then parcel.returned.
     */
    private CodeUsed use(String hash, CodeKind kind, ReservationState parcel, Instant at, Instant now,
                         Map<String, Object> extraPayload) throws SQLException {
        ReservationStatus after = kind.statusAfterUse(parcel.status, CodeRules.pastDeadline(parcel.expiresAt, at));
        ReservationStatus before = parcel.status;
        if (after == ReservationStatus.RETURNED && before == ReservationStatus.IN_STORAGE) {
            // Past the deadline as the door opened, so past it now: markExpired checks it against now.
            if (!deadlines.expire(parcel, now)) {
                throw new IllegalStateException("reservation " + parcel.id + " could not expire under its lock");
            }
            before = ReservationStatus.EXPIRED;
        }
        if (!codes.markUsed(hash, at) || !recordUse(kind, parcel.id, before, after, at, now)) {
            // Both rows are locked by us and were just checked: a miss here is a bug, not a race.
            throw new IllegalStateException("reservation " + parcel.id + " changed under its lock");
        }
        DoorState door = kind.doorAfterUse(before, after);
        if (door != null) {
            doors.setStateUnlessOutOfService(parcel.doorId, door, now);
        }
        Map<String, Object> payload = ParcelEventPayload.start(parcel.externalId, after,
                after == ReservationStatus.RETURNED ? before : null);
        payload.put("kind", kind.name());
        payload.put("door_id", parcel.doorId);
        payload.put("at", at.toString());
        payload.putAll(extraPayload);
        String eventId = Outbox.append(db, kind.eventType(after), parcel.id, parcel.doorId, payload);
        return new CodeUsed(parcel.id, parcel.doorId, kind, after, eventId);
    }

    private boolean recordUse(CodeKind kind, long reservationId, ReservationStatus before, ReservationStatus after,
                              Instant at, Instant now) throws SQLException {
        switch (kind) {
            case DEPOSIT:
                return reservations.markDeposited(reservationId, at, deadlines.afterDeposit(at), now);
            case PICKUP:
                return reservations.markPickedUp(reservationId, before, at, now);
            case BACKUP:
                return after == ReservationStatus.RETURNED ? reservations.markReturned(reservationId, now)
                        : reservations.markBackupOpened(reservationId, now);
            default:
                throw new IllegalArgumentException("unknown code kind " + kind);
        }
    }

    /** A verdict the person is told the reason of (expired, not arrived) refuses the code with it. */
    private static void refuseWithReason(CodeVerdict verdict, CodeKind kind) {
        if (verdict.refusal() != null) {
            throw new CodeRefusal(verdict, kind);
        }
    }

    private static ApiException opensNothing() {
        return new ApiException(404, "invalid_code", "this code opens no door");
    }
}

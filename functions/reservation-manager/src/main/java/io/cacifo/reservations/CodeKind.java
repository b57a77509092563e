package io.cacifo.reservations;

import java.util.EnumSet;
import java.util.Set;

/**
 * The three codes of a parcel and what using each one does. The names are the
 * reservation_codes.kind ENUM of db/schema.sql and the {@code kind} of replies and events.
 */
public enum CodeKind {
    /** The courier's: opens an arriving parcel's door; the parcel is then in storage and the door occupied. */
    DEPOSIT(EnumSet.of(ReservationStatus.ARRIVING), true),
    /** The customer's: opens a stored parcel's door; the parcel is then delivered and the door free. */
    PICKUP(EnumSet.of(ReservationStatus.IN_STORAGE), true),
    /**
     * The courier's: re-opens a stored parcel's door in an emergency (nothing moves), or collects a
     * parcel past its pick-up deadline for return to the sender (RETURNED, door free). It ignores
     * expires_at: getting an expired parcel out is what it is for.
     */
    BACKUP(EnumSet.of(ReservationStatus.IN_STORAGE, ReservationStatus.EXPIRED), false);

    private final Set<ReservationStatus> opensWhile;
    private final boolean expires;

    CodeKind(Set<ReservationStatus> opensWhile, boolean expires) {
        this.opensWhile = opensWhile;
        this.expires = expires;
    }

    /** Whether an unused code of this kind opens the door of a parcel that is {@code status}. */
    public boolean opensWhile(ReservationStatus status) {
        return opensWhile.contains(status);
    }

    /**
     * The status using this code leaves a parcel in that was {@code before}, {@code pastDeadline}
     * (expires_at passed when the door opened). A back-up code returns a parcel that is EXPIRED, or
     * stored past its deadline and not yet swept; a stored parcel within its deadline stays.
     */
    public ReservationStatus statusAfterUse(ReservationStatus before, boolean pastDeadline) {
        switch (this) {
            case DEPOSIT:
                return ReservationStatus.IN_STORAGE;
            case PICKUP:
                return ReservationStatus.DELIVERED;
            default:
                return before == ReservationStatus.IN_STORAGE && !pastDeadline
                        ? ReservationStatus.IN_STORAGE : ReservationStatus.RETURNED;
        }
    }

    /** Whether {@code status} is one a use of this code leaves the parcel in: while it is, the code may re-open in grace. */
    public boolean leftBy(ReservationStatus status) {
        return this == BACKUP ? status == ReservationStatus.IN_STORAGE || status == ReservationStatus.RETURNED
                : status == statusAfterUse(null, false);
    }

    /** The door state a use leaves behind when it moves the parcel to {@code after}, or null when the door stays as it is. */
    public DoorState doorAfterUse(ReservationStatus before, ReservationStatus after) {
        return before == after ? null : doorWhileUsed(after);
    }

    /** The door's state while the parcel stays {@code status}, where a use of this code left it. */
    public DoorState doorWhileUsed(ReservationStatus status) {
        return status == ReservationStatus.IN_STORAGE ? DoorState.OCCUPIED : DoorState.FREE;
    }

    /** The outbox event type that reports a use of this code that left the parcel {@code after}. */
    public String eventType(ReservationStatus after) {
        switch (this) {
            case DEPOSIT:
                return "parcel.deposited";
            case PICKUP:
                return "parcel.delivered";
            default:
                return after == ReservationStatus.RETURNED ? ParcelDeadlines.RETURNED : "parcel.backup_opened";
        }
    }

    /** Whether an unused code of this kind stops opening anything past the parcel's expires_at. */
    public boolean expires() {
        return expires;
    }

    /** The key of this code in a reservation's {@code codes} object. */
    public String field() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

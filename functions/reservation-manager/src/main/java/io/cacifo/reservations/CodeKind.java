package io.cacifo.reservations;

/**
 * The three codes of a parcel and what using each one does. The names are the
 * reservation_codes.kind ENUM of db/schema.sql and the {@code kind} of replies and events.
 */
public enum CodeKind {
    /** The courier's: opens an arriving parcel's door; the parcel is then in storage and the door occupied. */
    DEPOSIT(ReservationStatus.ARRIVING, ReservationStatus.IN_STORAGE, DoorState.OCCUPIED, "parcel.deposited", true),
    /** The customer's: opens a stored parcel's door; the parcel is then delivered and the door free. */
    PICKUP(ReservationStatus.IN_STORAGE, ReservationStatus.DELIVERED, DoorState.FREE, "parcel.delivered", true),
    /**
     * The courier's emergency re-open of a stored parcel: nothing moves. It ignores expires_at so a
     * courier can still get an expired parcel out for return.
     */
    BACKUP(ReservationStatus.IN_STORAGE, ReservationStatus.IN_STORAGE, null, "parcel.backup_opened", false);

    private final ReservationStatus opensWhile;
    private final ReservationStatus statusAfterUse;
    private final DoorState doorAfterUse;
    private final String eventType;
    private final boolean expires;

    CodeKind(ReservationStatus opensWhile, ReservationStatus statusAfterUse, DoorState doorAfterUse,
             String eventType, boolean expires) {
        this.opensWhile = opensWhile;
        this.statusAfterUse = statusAfterUse;
        this.doorAfterUse = doorAfterUse;
        this.eventType = eventType;
        this.expires = expires;
    }

    /** The status in which an unused code of this kind opens the door. */
    public ReservationStatus opensWhile() {
        return opensWhile;
    }

    /** The status using this code leaves the parcel in. */
    public ReservationStatus statusAfterUse() {
        return statusAfterUse;
    }

    /** The door state using this code leaves behind, or null when the door's state stays as it is. */
    public DoorState doorAfterUse() {
        return doorAfterUse;
    }

    /** The door's state while the parcel stays where a use of this code left it. */
    public DoorState doorWhileUsed() {
        return statusAfterUse == ReservationStatus.DELIVERED ? DoorState.FREE : DoorState.OCCUPIED;
    }

    /** The outbox event type that reports a use of this code. */
    public String eventType() {
        return eventType;
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

package io.cacifo.reservations;

/** Where a parcel is in its life; the names are the reservations.status ENUM of db/schema.sql. */
public enum ReservationStatus {
    ARRIVING, IN_STORAGE, DELIVERED, EXPIRED, RETURNED, CANCELLED;

    /** A parcel that is on its way into its door or in it: its door is taken. */
    public boolean isActive() {
        return this == ARRIVING || this == IN_STORAGE;
    }

    /** The ends an operator or the back-end may set by update; DELIVERED only comes from a pick-up code. */
    public boolean isSettableByUpdate() {
        return this == EXPIRED || this == RETURNED || this == CANCELLED;
    }
}

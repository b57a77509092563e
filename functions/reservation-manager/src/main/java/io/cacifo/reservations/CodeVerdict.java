package io.cacifo.reservations;

/** What a typed code does to its parcel's door right now. */
public enum CodeVerdict {
    /** An unused code that is valid: the door opens and using it moves the parcel on. */
    OPENS,
    /** A code used within the grace period: the door opens again and nothing changes. */
    OPENS_AGAIN,
    /** The door stays shut. */
    NOTHING
}

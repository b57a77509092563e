package io.cacifo.reservations;

/** What a typed code does to its parcel's door right now. */
public enum CodeVerdict {
    /** An unused code that is valid: the door opens and using it moves the parcel on. */
    OPENS(null),
    /** A code used within the grace period: the door opens again and nothing changes. */
    OPENS_AGAIN(null),
    /** The door stays shut, and the code is told apart from a wrong guess by nothing: 404 invalid_code. */
    NOTHING(null),
    /** An unused pick-up code of a parcel past its deadline (EXPIRED, RETURNED, or stored past expires_at). */
    PICKUP_EXPIRED("pickup_expired"),
    /** An unused pick-up code of a parcel still ARRIVING: the courier has not put it in yet. */
    NOT_ARRIVED("not_arrived"),
    /** An unused deposit code of an ARRIVING parcel past its expires_at. */
    DEPOSIT_EXPIRED("deposit_expired");

    private final String refusal;

    CodeVerdict(String refusal) {
        this.refusal = refusal;
    }

    /**
     * The 409 error of a code that matched a real parcel but opens nothing now, or null. Such a code
     * is no wrong guess, so it is told apart from {@link #NOTHING} (docs/api.md).
     */
    public String refusal() {
        return refusal;
    }
}

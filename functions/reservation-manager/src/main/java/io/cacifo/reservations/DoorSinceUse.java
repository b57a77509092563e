package io.cacifo.reservations;

/** What became of a door since one of its parcel's codes was used, as {@link CodeRules} judges a grace re-open. */
public final class DoorSinceUse {
    final DoorState state;
    /** Another parcel was given to the door, is in it, or had it opened, since the use. */
    final boolean otherParcelSince;

    public DoorSinceUse(DoorState state, boolean otherParcelSince) {
        this.state = state;
        this.otherParcelSince = otherParcelSince;
    }
}

package io.cacifo.e2e.soak;

import io.cacifo.backend.ClearCodes;

/**
 * One door's parcel going round, one step per turn so that no worker waits on a door: the
 * back-end creates a parcel, the courier's code opens the door (the simulator closes it by itself),
 * the parcel is seen stored, the customer's code opens it, it is seen delivered, and again.
 */
final class DoorCycle {
    enum Step { CREATE, DEPOSIT, AWAIT_STORED, PICKUP, AWAIT_DELIVERED }

    final int door;
    Step step = Step.CREATE;
    long reservationId;
    ClearCodes codes;
    /** When the current wait began, to call a parcel that never moves an error. */
    long waitingSince;
    long completed;

    DoorCycle(int door) {
        this.door = door;
    }
}

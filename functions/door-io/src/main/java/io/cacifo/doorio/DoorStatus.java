package io.cacifo.doorio;

/** One door as the board's sensors see it; also door-io's {@code status} reply (snake_case on the wire). */
public final class DoorStatus {
    final int doorId;
    final boolean open;
    final boolean occupied;
    /** The board's fault for the door ({@code jammed}), null when it reports none. */
    final String fault;

    public DoorStatus(int doorId, boolean open, boolean occupied, String fault) {
        this.doorId = doorId;
        this.open = open;
        this.occupied = occupied;
        this.fault = fault;
    }

    public int doorId() {
        return doorId;
    }

    public boolean open() {
        return open;
    }

    public boolean occupied() {
        return occupied;
    }

    public String fault() {
        return fault;
    }
}

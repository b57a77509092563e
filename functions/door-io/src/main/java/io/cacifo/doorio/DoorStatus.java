package io.cacifo.doorio;

/** One door as the board's sensors see it; also door-io's {@code status} reply (snake_case on the wire). */
public final class DoorStatus {
    final int doorId;
    final boolean open;
    final boolean occupied;

    public DoorStatus(int doorId, boolean open, boolean occupied) {
        this.doorId = doorId;
        this.open = open;
        this.occupied = occupied;
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
}

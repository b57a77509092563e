package io.cacifo.simulator.board;

/** One door as it is at one moment; what the routes turn into JSON. */
public final class DoorView {
    private final int door;
    private final DoorSize size;
    private final boolean open;
    private final boolean occupied;

    DoorView(int door, DoorSize size, boolean open, boolean occupied) {
        this.door = door;
        this.size = size;
        this.open = open;
        this.occupied = occupied;
    }

    public int door() {
        return door;
    }

    public DoorSize size() {
        return size;
    }

    public boolean open() {
        return open;
    }

    public boolean occupied() {
        return occupied;
    }
}

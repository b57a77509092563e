package io.cacifo.simulator.board;

/** One door as it is at one moment; what the routes turn into JSON. */
public final class DoorView {
    private final int door;
    private final DoorSize size;
    private final boolean open;
    private final boolean occupied;
    private final boolean jammed;
    private final long signals;

    DoorView(int door, DoorSize size, boolean open, boolean occupied, boolean jammed, long signals) {
        this.door = door;
        this.size = size;
        this.open = open;
        this.occupied = occupied;
        this.jammed = jammed;
        this.signals = signals;
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

    /** A jammed door does not open when told to. */
    public boolean jammed() {
        return jammed;
    }

    /** The board's fault for this door, as the board API names it, or null when it has none. */
    public String fault() {
        return jammed ? Board.JAMMED : null;
    }

    /** How many openings were asked with a signal since start. */
    public long signals() {
        return signals;
    }
}

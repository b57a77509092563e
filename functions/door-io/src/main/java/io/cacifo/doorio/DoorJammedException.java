package io.cacifo.doorio;

/**
 * The board answered, but the door did not open: it says the door is still closed or reports a
 * fault for it (a jammed lock). door-io answers 503 {@code door_jammed} with the door and the fault,
 * so the controller can take the door out of service; unlike {@link BoardUnavailableException}, the
 * board itself is fine and other doors still open.
 */
public final class DoorJammedException extends RuntimeException {
    /** The fault named when the board says only that the door stayed closed. */
    public static final String NOT_OPENED = "not_opened";

    private final int door;
    private final String fault;

    public DoorJammedException(int door, String fault) {
        super("door " + door + " did not open: " + fault);
        this.door = door;
        this.fault = fault;
    }

    public int door() {
        return door;
    }

    /** The board's word for what is wrong ({@code jammed}), or {@link #NOT_OPENED}. */
    public String fault() {
        return fault;
    }
}

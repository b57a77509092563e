package io.cacifo.doorio;

/** The board has no door with this number: door-io answers 404 {@code not_found}. */
public final class UnknownDoorException extends RuntimeException {
    private final int door;

    public UnknownDoorException(int door) {
        super("the lock board has no door " + door);
        this.door = door;
    }

    public int door() {
        return door;
    }
}

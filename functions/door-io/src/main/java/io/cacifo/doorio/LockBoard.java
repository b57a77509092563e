package io.cacifo.doorio;

import java.time.Duration;

/**
 * The lock board behind the doors, by door number. {@link HttpLockBoard} speaks the door simulator's
 * board API; a driver for a real RS-485 board implements the same three calls.
 *
 * <p>Failure behaviour, for every method: {@link UnknownDoorException} when the board has no such
 * door; {@link BoardUnavailableException} when the board does not answer, does not answer in time, or
 * answers something that is not a valid reply. {@link #open} also throws {@link DoorJammedException}
 * when the board answers but the door did not open (still closed, or a fault such as a jammed lock):
 * that door is out of order, not the board.
 */
public interface LockBoard {

    /**
     * Releases the door's lock and signals the door (a light and a tone on the board, so a person who
     * cannot read the screen finds it); returns once the board says the door is open, throws
     * {@link DoorJammedException} when the board says it did not open.
     */
    void open(int door);

    /**
     * Waits until a person has closed the door, at most {@code timeout}; true when it is closed,
     * false when it was still open when the time ran out.
     */
    boolean waitClosed(int door, Duration timeout);

    /** Whether the door is open, whether something is inside and any fault, as the board's sensors say now. */
    DoorStatus status(int door);
}

package io.cacifo.doorio;

import java.time.Duration;

/**
 * The lock board behind the doors, by door number. {@link HttpLockBoard} speaks the door simulator's
 * board API; a driver for a real RS-485 board implements the same three calls.
 *
 * <p>Failure behaviour, for every method: {@link UnknownDoorException} when the board has no such
 * door; {@link BoardUnavailableException} when the board does not answer, does not answer in time, or
 * answers something that is not a valid reply.
 */
public interface LockBoard {

    /** Releases the door's lock; returns once the board says the door is open. */
    void open(int door);

    /**
     * Waits until a person has closed the door, at most {@code timeout}; true when it is closed,
     * false when it was still open when the time ran out.
     */
    boolean waitClosed(int door, Duration timeout);

    /** Whether the door is open and whether something is inside, as the board's sensors say now. */
    DoorStatus status(int door);
}

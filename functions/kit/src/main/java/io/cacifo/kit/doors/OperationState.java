package io.cacifo.kit.doors;

/**
 * A door operation's place in the journal (db/schema.sql {@code door_operations.state}): OPENING
 * before the door-io call, WAITING while the door is open, then DONE, LEFT_OPEN (closed too late:
 * an alarm) or FAILED (the door never opened).
 */
public enum OperationState {
    OPENING, WAITING, DONE, LEFT_OPEN, FAILED;

    /** OPENING or WAITING: the operation still holds its door. */
    public boolean unfinished() {
        return this == OPENING || this == WAITING;
    }
}

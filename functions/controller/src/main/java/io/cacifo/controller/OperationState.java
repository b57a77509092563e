package io.cacifo.controller;

/**
 * A door operation's place in the journal: OPENING before the door-io call, WAITING while the door
 * is open, then DONE, LEFT_OPEN (closed too late: an alarm) or FAILED (the door never opened).
 */
enum OperationState {
    OPENING, WAITING, DONE, LEFT_OPEN, FAILED
}

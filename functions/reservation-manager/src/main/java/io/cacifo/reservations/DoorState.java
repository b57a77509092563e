package io.cacifo.reservations;

/** A door's state as the doors.state ENUM of db/schema.sql has it. */
public enum DoorState {
    FREE, OCCUPIED, OUT_OF_SERVICE
}

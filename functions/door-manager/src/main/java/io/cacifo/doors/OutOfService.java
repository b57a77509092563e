package io.cacifo.doors;

/** Why a door is OUT_OF_SERVICE (doors.out_of_service_reason): the locker's own word or the back-end's. */
public final class OutOfService {
    /** The locker found the door would not open (door-io's {@code door_jammed}); set by {@code report_fault}. */
    public static final String JAMMED = "jammed";
    /** The back-end took the door out of service ({@code set_state}, or an insert in that state). */
    public static final String OPERATOR = "operator";

    private OutOfService() {
    }

    /** The reason the back-end's state gives: {@link #OPERATOR} out of service, none in service. */
    static String reasonFor(DoorState state) {
        return state == DoorState.OUT_OF_SERVICE ? OPERATOR : null;
    }
}

package io.cacifo.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The cold locker: everything started at once as after a power cut, until the first door opened on a typed code. */
public final class ColdBoot {
    /** From the start of everything to the first successful code entry (door open); 0 or less: it never opened. */
    long firstOpenDoorMillis;
    /** Each function's start to its first correct answer, all starting together. */
    Map<String, Long> readyMillis = new LinkedHashMap<>();
    /** What to know about this measurement, or why it is incomplete; may be null. */
    String note;
}

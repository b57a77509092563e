package io.cacifo.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cold locker ({@link ColdLocker}): after a power cut, from the start of the boot to the first
 * code entry that opened a door, and each function's start to its first correct answer while all
 * start at once. Plain fields, kept in {@code run.json}.
 */
public final class ColdBoot {
    /** Boot start → the screen's first "door open" reply; -1 when no entry opened a door. */
    long firstOpenDoorMillis = -1;
    /** Function → ms from its process start to its first correct probe answer (missing: never answered). */
    Map<String, Long> readyMillis = new LinkedHashMap<>();
    /** Function → ms from the boot start to its process start (what started it: the wake script or a first call). */
    Map<String, Long> startedMillis = new LinkedHashMap<>();
    /** Boot start → the wake script (deploy/host/cacifo-wake, as the boot unit runs it) exited 0; -1 when it failed. */
    long wakeMillis = -1;
    /** How the entries went before the door opened, and anything that failed. */
    String note;
}

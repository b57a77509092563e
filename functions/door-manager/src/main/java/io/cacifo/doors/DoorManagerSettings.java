package io.cacifo.doors;

import io.cacifo.kit.config.KitSettings;
import io.cacifo.kit.config.Reads;

import java.util.List;

/**
 * Everything door-manager reads. Its one setting of its own is the kit's {@code door_close_timeout_ms}:
 * a door open longer than that in one operation counts as an alarm, the same wait door-io and the
 * controller use.
 */
public final class DoorManagerSettings {
    private DoorManagerSettings() {
    }

    public static final Reads READS = Reads.EVERY_FUNCTION.and(Reads.VERIFIER, Reads.BACKEND_VERIFIER, Reads.DATABASE,
            Reads.of(List.of(KitSettings.DOOR_CLOSE_TIMEOUT), List.of()));
}

package io.cacifo.reservations;

import io.cacifo.kit.config.Config;
import io.cacifo.kit.config.Reads;
import io.cacifo.kit.config.Setting;

import java.time.Duration;
import java.util.List;

/** reservation-manager's own setting and everything it reads ({@link #READS}). */
public final class ReservationSettings {
    private ReservationSettings() {
    }

    /**
     * How long a used code re-opens its own door (a door shut too soon); 0 turns that off. Never
     * longer than the door stays as the use left it (docs/api.md).
     */
    public static final Setting CODE_GRACE = Setting.of("code_grace_seconds", "600");

    public static final Reads READS = Reads.EVERY_FUNCTION.and(Reads.VERIFIER, Reads.BACKEND_VERIFIER, Reads.DATABASE,
            Reads.CODE_HASHER, Reads.LOCKER_PRIVATE_KEY, Reads.of(List.of(CODE_GRACE), List.of()));

    /** {@link #CODE_GRACE}; a value that is not a whole number of at least 0 throws {@link IllegalStateException} naming it. */
    static Duration codeGrace(Config config) {
        return Duration.ofSeconds(config.getInt(CODE_GRACE, 0));
    }
}

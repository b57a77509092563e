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

    /** The pick-up deadline after deposit, in days, of a parcel the back-end gave no {@code expires_at}. */
    public static final Setting PICKUP_DAYS = Setting.of("pickup_days", "3");
    /** How long before a stored parcel's deadline its one {@code parcel.pickup_reminder} is sent, in minutes. */
    public static final Setting REMINDER_BEFORE = Setting.of("reminder_before_minutes", "1440");

    public static final Reads READS = Reads.EVERY_FUNCTION.and(Reads.VERIFIER, Reads.BACKEND_VERIFIER, Reads.DATABASE,
            Reads.CODE_HASHER, Reads.LOCKER_PRIVATE_KEY,
            Reads.of(List.of(CODE_GRACE, PICKUP_DAYS, REMINDER_BEFORE), List.of()));

    /** {@link #CODE_GRACE}; a value that is not a whole number of at least 0 throws {@link IllegalStateException} naming it. */
    static Duration codeGrace(Config config) {
        return Duration.ofSeconds(config.getInt(CODE_GRACE, 0));
    }

    /** {@link #PICKUP_DAYS}: a whole number of days, at least 1 (a parcel gets a day to be picked up). */
    static Duration pickupWindow(Config config) {
        return Duration.ofDays(config.getInt(PICKUP_DAYS, 1));
    }

    /** {@link #REMINDER_BEFORE}: a whole number of minutes, at least 0 (0: no reminder, the window is empty). */
    static Duration reminderBefore(Config config) {
        return Duration.ofMinutes(config.getInt(REMINDER_BEFORE, 0));
    }
}

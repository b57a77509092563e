package io.cacifo.screen;

import java.time.Duration;

/**
 * How long a screen is locked after each run of wrong codes: 30 s, then 5 min, then 30 min at most.
 * The cap and the daily decay in {@link ScreenThrottle} keep a prankster from locking a customer out for good.
 */
final class LockoutTiers {
    /** Wrong codes in a row that start a lockout. */
    static final int FAILURES_PER_LOCKOUT = 5;
    /** After this long without a wrong code a screen starts again from the first tier. */
    static final Duration QUIET_RESET = Duration.ofHours(24);

    private LockoutTiers() {
    }

    /** The lockout that follows {@code earlierLockouts} earlier ones (within the quiet period). */
    static Duration next(int earlierLockouts) {
        if (earlierLockouts <= 0) {
            return Duration.ofSeconds(30);
        }
        if (earlierLockouts == 1) {
            return Duration.ofMinutes(5);
        }
        return Duration.ofMinutes(30);
    }
}

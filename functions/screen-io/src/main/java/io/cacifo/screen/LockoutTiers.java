package io.cacifo.screen;

import java.time.Duration;

/**
 * The wrong-code rule of a screen (SECURITY.md, "How long guessing a code takes", has the arithmetic):
 * five wrong codes in a run lock it for 30 s, then 5 min, then 30 min at most. Only time undoes a
 * count: a run is forgotten after {@link #RUN_QUIET} without a wrong code, and the tier falls back to
 * 30 s {@link #TIER_QUIET} after the last lockout ended. A code that opens a door resets nothing:
 * a guesser holds valid codes of their own (a courier's deposit and back-up codes, a customer's
 * pick-up code) and would otherwise buy fresh guesses with each.
 */
final class LockoutTiers {
    /** Wrong codes in a run that start a lockout. */
    static final int FAILURES_PER_LOCKOUT = 5;
    /**
     * After this long without a wrong code the run starts again. At least 24 min, so staying under the
     * limit (4 per run) is never faster for a guesser than 5 per 30-minute lockout.
     */
    static final Duration RUN_QUIET = Duration.ofHours(1);
    /** This long after the last lockout ended, a screen starts again from the first tier. */
    static final Duration TIER_QUIET = Duration.ofHours(24);

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

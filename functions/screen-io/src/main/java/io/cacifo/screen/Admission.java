package io.cacifo.screen;

import java.time.Duration;
import java.util.Optional;

/** {@link ScreenThrottle#admit}'s answer: the code may be checked (and is counted), or the screen is locked for a while. */
final class Admission {
    private final ScreenThrottle.Attempt attempt;
    private final Duration lockedFor;

    private Admission(ScreenThrottle.Attempt attempt, Duration lockedFor) {
        this.attempt = attempt;
        this.lockedFor = lockedFor;
    }

    static Admission admitted(ScreenThrottle.Attempt attempt) {
        return new Admission(attempt, null);
    }

    static Admission refused(Duration lockedFor) {
        return new Admission(null, lockedFor);
    }

    /** The time left in the lockout when the code was refused; empty when it was admitted. */
    Optional<Duration> lockedFor() {
        return Optional.ofNullable(lockedFor);
    }

    ScreenThrottle.Attempt attempt() {
        return attempt;
    }
}

package io.cacifo.reservations;

import java.time.Duration;
import java.time.Instant;

/**
 * When a parcel's code opens its door (docs/api.md, reservation-manager). Pure: the caller passes
 * the database's "now", so validate and disable judge by one clock, the one used_at was written with.
 */
public final class CodeRules {
    /** How long a used code re-opens the same door, to fix a mistake such as a door closed too soon. */
    public static final Duration GRACE_PERIOD = Duration.ofMinutes(10);

    private CodeRules() {
    }

    /**
     * @param usedAt    when the code was used, or null if it never was
     * @param expiresAt the parcel's expiry, or null for none
     */
    public static CodeVerdict judge(CodeKind kind, Instant usedAt, ReservationStatus status, Instant expiresAt,
                                    Instant now) {
        if (usedAt != null) {
            // Only while the parcel is still where that use left it: a deposit code re-opens a stored
            // parcel's door, never the door of a parcel the customer has since taken.
            boolean inGrace = now.isBefore(usedAt.plus(GRACE_PERIOD));
            return inGrace && status == kind.statusAfterUse() ? CodeVerdict.OPENS_AGAIN : CodeVerdict.NOTHING;
        }
        if (status != kind.opensWhile()) {
            return CodeVerdict.NOTHING;
        }
        if (kind.expires() && expiresAt != null && !now.isBefore(expiresAt)) {
            return CodeVerdict.NOTHING;
        }
        return CodeVerdict.OPENS;
    }
}

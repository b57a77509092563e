package io.cacifo.reservations;

import java.time.Duration;
import java.time.Instant;

/**
 * When a parcel's code opens its door (docs/api.md, reservation-manager). Pure: the caller passes
 * the database's "now", so validate and disable judge by one clock, the one used_at was written with.
 */
public final class CodeRules {
    private CodeRules() {
    }

    /**
     * @param usedAt    when the code was used, or null if it never was
     * @param expiresAt the parcel's expiry, or null for none
     * @param grace     how long a used code re-opens its door (setting {@code code_grace_seconds}; zero: never).
     *                  {@link CodeVerdict#OPENS_AGAIN} is only the first half of that judgement: the door must
     *                  also still be as the use left it ({@link #doorAsTheUseLeftIt}).
     */
    public static CodeVerdict judge(CodeKind kind, Instant usedAt, ReservationStatus status, Instant expiresAt,
                                    Instant now, Duration grace) {
        if (usedAt != null) {
            // Only while the parcel is still where that use left it: a deposit code re-opens a stored
            // parcel's door, never the door of a parcel the customer has since taken.
            boolean inGrace = now.isBefore(usedAt.plus(grace));
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

    /**
     * Whether a used code's door may open again: it is in the state the use left it (a door put out
     * of service, or marked otherwise by an operator, is not), and no other parcel has been given to
     * it, deposited in it or had it opened since the use. A used pick-up code must never open a door
     * that holds the next customer's parcel.
     */
    public static boolean doorAsTheUseLeftIt(CodeKind kind, DoorSinceUse door) {
        return door.state == kind.doorWhileUsed() && !door.otherParcelSince;
    }
}

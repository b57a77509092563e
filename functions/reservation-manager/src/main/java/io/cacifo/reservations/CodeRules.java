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
            return inGrace && kind.leftBy(status) ? CodeVerdict.OPENS_AGAIN : CodeVerdict.NOTHING;
        }
        boolean past = pastDeadline(expiresAt, now);
        if (kind == CodeKind.PICKUP) {
            // The pick-up code matched a real parcel: say why it opens nothing rather than count a wrong guess.
            if (status == ReservationStatus.ARRIVING) {
                return CodeVerdict.NOT_ARRIVED;
            }
            if (status == ReservationStatus.EXPIRED || status == ReservationStatus.RETURNED
                    || (status == ReservationStatus.IN_STORAGE && past)) {
                return CodeVerdict.PICKUP_EXPIRED;
            }
        }
        if (!kind.opensWhile(status)) {
            return CodeVerdict.NOTHING;
        }
        if (kind.expires() && past) {
            return kind == CodeKind.DEPOSIT ? CodeVerdict.DEPOSIT_EXPIRED : CodeVerdict.NOTHING;
        }
        return CodeVerdict.OPENS;
    }

    /** Whether a parcel with deadline {@code expiresAt} (null: none) is past it at {@code now}. */
    public static boolean pastDeadline(Instant expiresAt, Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /**
     * The status a parcel that is {@code status} now had at {@code at}, as far as its deadline tells:
     * a parcel EXPIRED since {@code at} was still stored then. complete judges a code by it, so a
     * door opened before the deadline is completed even when the sweep expired the parcel meanwhile.
     */
    public static ReservationStatus statusAt(ReservationStatus status, Instant expiresAt, Instant at) {
        return status == ReservationStatus.EXPIRED && expiresAt != null && at.isBefore(expiresAt)
                ? ReservationStatus.IN_STORAGE : status;
    }

    /**
     * Whether a used code's door may open again: it is in the state the use left it (a door put out
     * of service, or marked otherwise by an operator, is not), and no other parcel has been given to
     * it, deposited in it or had it opened since the use. A used pick-up code must never open a door
     * that holds the next customer's parcel. {@code status} is the parcel's now, one its use left it in
     * (a back-up code that returned a parcel left its door FREE; one that re-opened a stored parcel, OCCUPIED).
     */
    public static boolean doorAsTheUseLeftIt(CodeKind kind, ReservationStatus status, DoorSinceUse door) {
        return door.state == kind.doorWhileUsed(status) && !door.otherParcelSince;
    }
}

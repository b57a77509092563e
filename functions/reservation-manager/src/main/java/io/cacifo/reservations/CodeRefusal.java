package io.cacifo.reservations;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real, unused code that opens nothing now for a reason the screen tells the person
 * ({@link CodeVerdict#refusal}): validate and disable answer it 409 {"error","message","kind"}. An
 * exception so a disable's transaction rolls back like any refusal; never carries the code.
 */
final class CodeRefusal extends RuntimeException {
    final CodeVerdict verdict;
    final CodeKind kind;

    CodeRefusal(CodeVerdict verdict, CodeKind kind) {
        super(messageOf(verdict), null, false, false);
        this.verdict = verdict;
        this.kind = kind;
    }

    /** The reply body: the refusal, a message, and the code's kind. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", verdict.refusal());
        body.put("message", getMessage());
        body.put("kind", kind.name());
        return body;
    }

    private static String messageOf(CodeVerdict verdict) {
        switch (verdict) {
            case PICKUP_EXPIRED:
                return "the pick-up time has ended; the parcel goes back to the sender";
            case NOT_ARRIVED:
                return "the parcel is not in the locker yet";
            case DEPOSIT_EXPIRED:
                return "this delivery is past its deadline";
            default:
                throw new IllegalArgumentException(verdict + " is not a refusal");
        }
    }
}

package io.cacifo.controller;

import io.cacifo.kit.http.GatewayReply;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * reservation-manager's 409 for a real code that opens nothing for a reason the screen tells the
 * person (the pick-up time has ended, the parcel has not arrived, the delivery is past its deadline;
 * docs/api.md): {@code enter} passes it on as the same 409 with the code's {@code kind}, so screen-io
 * can say so and not count it as a wrong guess. An exception so nothing is journaled or opened.
 */
final class CodeRefused extends RuntimeException {
    /** The refusals passed on; any other 409 of validate is not one of these. */
    static final Set<String> REFUSALS = Set.of("pickup_expired", "not_arrived", "deposit_expired");

    private final String error;
    private final CodeKind kind;

    CodeRefused(String error, String message, CodeKind kind) {
        super(message, null, false, false);
        this.error = error;
        this.kind = kind;
    }

    /** From reservation-manager's reply; a {@code kind} that is not a code kind is 503 upstream_unavailable ({@link GatewayReply#fields}). */
    static CodeRefused of(GatewayReply reply) {
        return new CodeRefused(reply.error(), reply.message(reply.error()), reply.fields().choice("kind", CodeKind.class));
    }

    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", getMessage());
        body.put("kind", kind.name());
        return body;
    }
}

package io.cacifo.reservations;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.security.CodeEnvelope;

import java.security.PrivateKey;
import java.util.EnumMap;
import java.util.Map;

/**
 * Opens the {@code codes_envelope} of a new parcel (docs/api.md, reservation-manager insert): the
 * three codes, sealed by the back-end for this locker's RSA key and bound to the parcel's external
 * id. The codes exist in clear only between {@link #open} and the hashing in {@link Reservations#insert};
 * nothing here logs, echoes or keeps them.
 *
 * <p>Failure behaviour: an envelope this locker cannot open, or whose plaintext lacks a code as a
 * JSON string, is 400 {@code invalid_envelope}; the codes' form is {@link CodePolicy}'s to judge.
 */
final class SealedCodes {
    private static final String ERROR = "invalid_envelope";
    private final PrivateKey lockerKey;

    /** {@code lockerKey}: the secret {@code locker-private-key}, parsed once per JVM by Services. */
    SealedCodes(PrivateKey lockerKey) {
        this.lockerKey = lockerKey;
    }

    Map<CodeKind, String> open(JsonObject envelopeJson, String externalId) {
        JsonObject plaintext = CodeEnvelope.fromJson(envelopeJson).openObject(lockerKey, externalId);
        Map<CodeKind, String> codes = new EnumMap<>(CodeKind.class);
        for (CodeKind kind : CodeKind.values()) {
            String field = CodePolicy.fieldOf(kind);
            JsonElement value = plaintext.get(field);
            if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
                throw ApiException.badRequest(ERROR, "the codes envelope must hold '" + field + "' as a string");
            }
            codes.put(kind, value.getAsString());
        }
        return codes;
    }
}

package io.cacifo.backend;

import com.google.gson.JsonObject;
import io.cacifo.kit.security.CodeEnvelope;

import java.security.PublicKey;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A parcel the back-end announces to a locker, and the reservation-manager {@code insert} body it
 * becomes: {@code {"external_id", "door_id", "user_id"?, "expires_at"?, "codes_envelope"}}, the codes
 * sealed for that locker and bound to the external id.
 */
public final class NewParcel {
    /** docs/api.md, reservation-manager insert: 1-64 of A-Za-z0-9._:- */
    private static final Pattern EXTERNAL_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final long MAX_DOOR = 9999;

    private final String externalId;
    private final long doorId;
    private final Long userId;
    private final Instant expiresAt;
    private final ClearCodes codes;

    /**
     * {@code userId} and {@code expiresAt} may be null (the locker's defaults apply). Values the
     * locker would refuse anyway throw {@link IllegalArgumentException} here, before anything is sent.
     */
    public NewParcel(String externalId, long doorId, Long userId, Instant expiresAt, ClearCodes codes) {
        if (externalId == null || !EXTERNAL_ID.matcher(externalId).matches()) {
            throw new IllegalArgumentException("an external id is 1 to 64 of A-Za-z0-9._:-");
        }
        if (doorId < 1 || doorId > MAX_DOOR) {
            throw new IllegalArgumentException("a door id is from 1 to " + MAX_DOOR);
        }
        if (userId != null && userId < 1) {
            throw new IllegalArgumentException("a user id is positive");
        }
        if (codes == null) {
            throw new IllegalArgumentException("a parcel needs its codes");
        }
        this.externalId = externalId;
        this.doorId = doorId;
        this.userId = userId;
        this.expiresAt = expiresAt;
        this.codes = codes;
    }

    public ClearCodes codes() {
        return codes;
    }

    /** The insert body, with a fresh envelope sealed for {@code lockerKey} each time. */
    public JsonObject insertBody(PublicKey lockerKey) {
        JsonObject body = new JsonObject();
        body.addProperty("external_id", externalId);
        body.addProperty("door_id", doorId);
        if (userId != null) {
            body.addProperty("user_id", userId);
        }
        if (expiresAt != null) {
            body.addProperty("expires_at", expiresAt.toString());
        }
        body.add("codes_envelope", CodeEnvelope.seal(lockerKey, codes.toJson().toString(), externalId).toJson());
        return body;
    }
}

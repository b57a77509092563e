package io.cacifo.kit.json;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cacifo.kit.http.ApiException;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/**
 * A JSON object read field by field, strictly: a field of the wrong JSON type, out of range or
 * carrying control characters is refused naming the field, never silently coerced (Gson's object
 * mapping would turn "12" into 12 and 1.9 into 1). A request's body ({@link #parse}) is refused with
 * 400, the caller's mistake; another function's or the board's reply ({@link #ofReply}) with 503
 * {@code upstream_unavailable}, since then the fault is upstream's, not our caller's.
 */
public final class Body {
    /** Ids are positive and fit a signed 64-bit column; JSON numbers past 2^53 lose precision in most clients. */
    public static final long MAX_ID = 9_007_199_254_740_991L;
    public static final String UPSTREAM_UNAVAILABLE = "upstream_unavailable";

    private final JsonObject object;
    private final boolean reply;

    private Body(JsonObject object, boolean reply) {
        this.object = object;
        this.reply = reply;
    }

    /** Parses a request body that must be a JSON object; a blank body is an empty object. */
    public static Body parse(String text) {
        return read(text, false);
    }

    /**
     * Parses a reply that must be a JSON object (a blank one is empty); what cannot be read, here or
     * by a reader later, is {@link ApiException} 503 {@code upstream_unavailable}.
     */
    public static Body ofReply(String text) {
        try {
            return read(text, true);
        } catch (ApiException notJson) {
            throw unreadable(notJson.getMessage());
        }
    }

    private static Body read(String text, boolean reply) {
        if (text == null || text.isBlank()) {
            return new Body(new JsonObject(), reply);
        }
        JsonElement element = Json.parse(text);
        if (!element.isJsonObject()) {
            throw ApiException.badRequest("malformed_json", "the body must be a JSON object");
        }
        return new Body(element.getAsJsonObject(), reply);
    }

    public boolean has(String field) {
        return object.has(field) && !object.get(field).isJsonNull();
    }

    /** A required string of 1..maxLength characters without control characters; surrounding spaces are removed. */
    public String text(String field, int maxLength) {
        return optionalText(field, maxLength).orElseThrow(() -> missing(field));
    }

    public Optional<String> optionalText(String field, int maxLength) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonElement value = object.get(field);
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw wrongType(field, "a string");
        }
        String text = value.getAsString().strip();
        if (text.isEmpty()) {
            throw invalid("'" + field + "' must not be empty");
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            throw invalid("'" + field + "' is longer than " + maxLength + " characters");
        }
        if (text.codePoints().anyMatch(Character::isISOControl)) {
            throw invalid("'" + field + "' contains control characters");
        }
        return Optional.of(text);
    }

    /** A required id: a JSON integer from 1 to {@link #MAX_ID}. */
    public long id(String field) {
        return optionalId(field).orElseThrow(() -> missing(field));
    }

    public Optional<Long> optionalId(String field) {
        return optionalInteger(field, 1, MAX_ID);
    }

    /** A required JSON integer within [min, max]. */
    public long integer(String field, long min, long max) {
        return optionalInteger(field, min, max).orElseThrow(() -> missing(field));
    }

    public Optional<Long> optionalInteger(String field, long min, long max) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonElement value = object.get(field);
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            throw wrongType(field, "a whole number");
        }
        BigDecimal number = value.getAsJsonPrimitive().getAsBigDecimal();
        long whole;
        try {
            whole = number.longValueExact();
        } catch (ArithmeticException e) {
            throw wrongType(field, "a whole number from " + min + " to " + max);
        }
        if (whole < min || whole > max) {
            throw invalid("'" + field + "' must be from " + min + " to " + max);
        }
        return Optional.of(whole);
    }

    /** A required JSON true or false. */
    public boolean flag(String field) {
        return optionalFlag(field).orElseThrow(() -> missing(field));
    }

    public boolean flag(String field, boolean fallback) {
        return optionalFlag(field).orElse(fallback);
    }

    private Optional<Boolean> optionalFlag(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonElement value = object.get(field);
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
            throw wrongType(field, "true or false");
        }
        return Optional.of(value.getAsBoolean());
    }

    /** A required enum value, given by its name in any case. */
    public <E extends Enum<E>> E choice(String field, Class<E> type) {
        return optionalChoice(field, type).orElseThrow(() -> missing(field));
    }

    public <E extends Enum<E>> Optional<E> optionalChoice(String field, Class<E> type) {
        return optionalText(field, 40).map(text -> {
            try {
                return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw invalid("'" + field + "' must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
            }
        });
    }

    /** A nested object, for fields such as an encrypted envelope. */
    public Optional<JsonObject> optionalObject(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonElement value = object.get(field);
        if (!value.isJsonObject()) {
            throw wrongType(field, "an object");
        }
        return Optional.of(value.getAsJsonObject());
    }

    private ApiException missing(String field) {
        return reply ? unreadable("'" + field + "' is required")
                : ApiException.badRequest("missing_field", "'" + field + "' is required");
    }

    private ApiException wrongType(String field, String expected) {
        return invalid("'" + field + "' must be " + expected);
    }

    private ApiException invalid(String message) {
        return reply ? unreadable(message) : ApiException.badRequest("invalid_field", message);
    }

    private static ApiException unreadable(String message) {
        return ApiException.unavailable(UPSTREAM_UNAVAILABLE, "a reply could not be read: " + message);
    }
}

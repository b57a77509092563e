package io.cacifo.kit.json;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cacifo.kit.http.ApiException;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/**
 * A request body read field by field, strictly: a field of the wrong JSON type, out of range or
 * carrying control characters is a 400 naming the field, never a silent coercion (Gson's object
 * mapping would turn "12" into 12 and 1.9 into 1).
 */
public final class Body {
    /** Ids are positive and fit a signed 64-bit column; JSON numbers past 2^53 lose precision in most clients. */
    public static final long MAX_ID = 9_007_199_254_740_991L;

    private final JsonObject object;

    private Body(JsonObject object) {
        this.object = object;
    }

    /** Parses a body that must be a JSON object; a blank body is an empty object. */
    public static Body parse(String text) {
        if (text == null || text.isBlank()) {
            return new Body(new JsonObject());
        }
        JsonElement element = Json.parse(text);
        if (!element.isJsonObject()) {
            throw ApiException.badRequest("malformed_json", "the body must be a JSON object");
        }
        return new Body(element.getAsJsonObject());
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
            throw ApiException.badRequest("invalid_field", "'" + field + "' must not be empty");
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            throw ApiException.badRequest("invalid_field", "'" + field + "' is longer than " + maxLength + " characters");
        }
        if (text.codePoints().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("invalid_field", "'" + field + "' contains control characters");
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
            throw ApiException.badRequest("invalid_field", "'" + field + "' must be from " + min + " to " + max);
        }
        return Optional.of(whole);
    }

    public boolean flag(String field, boolean fallback) {
        if (!has(field)) {
            return fallback;
        }
        JsonElement value = object.get(field);
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
            throw wrongType(field, "true or false");
        }
        return value.getAsBoolean();
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
                throw ApiException.badRequest("invalid_field", "'" + field + "' must be one of "
                        + java.util.Arrays.toString(type.getEnumConstants()));
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

    private static ApiException missing(String field) {
        return ApiException.badRequest("missing_field", "'" + field + "' is required");
    }

    private static ApiException wrongType(String field, String expected) {
        return ApiException.badRequest("invalid_field", "'" + field + "' must be " + expected);
    }
}

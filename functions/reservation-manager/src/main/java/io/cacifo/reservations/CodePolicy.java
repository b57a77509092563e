package io.cacifo.reservations;

import io.cacifo.kit.http.ApiException;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a new parcel's codes must be: 10 to 12 digits each, all three different. Ten digits is the
 * policy length: with the screen's lockouts, guessing any valid code takes years (SECURITY.md).
 * Messages name the field, never the code, because replies and logs must not carry codes.
 */
public final class CodePolicy {
    public static final int MIN_DIGITS = 10;
    public static final int MAX_DIGITS = 12;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{" + MIN_DIGITS + "," + MAX_DIGITS + "}");

    private CodePolicy() {
    }

    /** Checks the codes given per kind (field name {@code <kind>_code}); throws 400 invalid_field. */
    public static void check(Map<CodeKind, String> codes) {
        Set<String> distinct = new HashSet<>();
        for (CodeKind kind : CodeKind.values()) {
            String code = codes.get(kind);
            if (code == null) {
                throw ApiException.badRequest("missing_field", "'" + fieldOf(kind) + "' is required in the codes envelope");
            }
            if (!DIGITS.matcher(code).matches()) {
                throw ApiException.badRequest("invalid_field",
                        "'" + fieldOf(kind) + "' must be " + MIN_DIGITS + " to " + MAX_DIGITS + " digits");
            }
            distinct.add(code);
        }
        if (distinct.size() != CodeKind.values().length) {
            throw ApiException.badRequest("invalid_field", "deposit_code, pickup_code and backup_code must all be different");
        }
    }

    /** The request field that carries a code of {@code kind}: deposit_code, pickup_code, backup_code. */
    public static String fieldOf(CodeKind kind) {
        return kind.field() + "_code";
    }
}

package io.cacifo.kit.security;

import io.cacifo.kit.http.ApiException;

import java.util.regex.Pattern;

/**
 * Turns a parcel code into what the database stores and looks up: HMAC-SHA256 under the locker's
 * code-hash key. Without that key a copied database gives no code, not even by trying every
 * short code (plain SHA-256 of a 6-digit code falls to a laptop in a second).
 */
public final class CodeHasher {
    /** Codes are digits only, typed on a keypad; the policy length is enforced at insert. */
    private static final Pattern CODE = Pattern.compile("[0-9]{4,32}");
    private final HmacKey key;

    public CodeHasher(HmacKey key) {
        this.key = key;
    }

    /** The stored form of {@code code}; anything but 4 to 32 digits is a 400 and is never hashed. */
    public String hash(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw ApiException.badRequest("invalid_code", "a code is 4 to 32 digits");
        }
        return Hex.of(key.sign("cacifo-code:" + code));
    }
}

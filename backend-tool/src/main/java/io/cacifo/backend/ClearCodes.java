package io.cacifo.backend;

import com.google.gson.JsonObject;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * A parcel's three codes: deposit (courier), pick-up (customer), back-up (courier, emergency).
 * They exist in clear only here, on the back-end, and inside the sealed envelope; {@link #toString}
 * hides them so a log line cannot leak them.
 */
public final class ClearCodes {
    public static final int DEFAULT_LENGTH = 10;
    /** What reservation-manager accepts (docs/api.md, insert): 10 digits at least, the policy length (SECURITY.md). */
    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 12;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{" + MIN_LENGTH + "," + MAX_LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String deposit;
    private final String pickup;
    private final String backup;

    private ClearCodes(String deposit, String pickup, String backup) {
        this.deposit = deposit;
        this.pickup = pickup;
        this.backup = backup;
    }

    /** Three different codes of {@code length} random digits; a length outside 10..12 throws {@link IllegalArgumentException}. */
    public static ClearCodes random(int length) {
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new IllegalArgumentException("a code has " + MIN_LENGTH + " to " + MAX_LENGTH + " digits, not " + length);
        }
        String deposit = digits(length);
        String pickup;
        String backup;
        do {
            pickup = digits(length);
        } while (pickup.equals(deposit));
        do {
            backup = digits(length);
        } while (backup.equals(deposit) || backup.equals(pickup));
        return new ClearCodes(deposit, pickup, backup);
    }

    public static ClearCodes random() {
        return random(DEFAULT_LENGTH);
    }

    /** Codes chosen by the caller (tests, load plans); each 10..12 digits and all three different, else {@link IllegalArgumentException}. */
    public static ClearCodes of(String deposit, String pickup, String backup) {
        for (String code : new String[] {deposit, pickup, backup}) {
            if (code == null || !DIGITS.matcher(code).matches()) {
                throw new IllegalArgumentException("a code is " + MIN_LENGTH + " to " + MAX_LENGTH + " digits");
            }
        }
        if (deposit.equals(pickup) || deposit.equals(backup) || pickup.equals(backup)) {
            throw new IllegalArgumentException("the three codes of a parcel must be different");
        }
        return new ClearCodes(deposit, pickup, backup);
    }

    public String deposit() {
        return deposit;
    }

    public String pickup() {
        return pickup;
    }

    public String backup() {
        return backup;
    }

    /** The envelope's plaintext: {@code {"deposit_code","pickup_code","backup_code"}}. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("deposit_code", deposit);
        json.addProperty("pickup_code", pickup);
        json.addProperty("backup_code", backup);
        return json;
    }

    @Override
    public String toString() {
        return "ClearCodes[hidden]";
    }

    private static String digits(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = (char) ('0' + RANDOM.nextInt(10));
        }
        return new String(out);
    }
}

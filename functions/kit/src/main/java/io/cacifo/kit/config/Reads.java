package io.cacifo.kit.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one function reads: its settings and its secrets, declared once in its settings class
 * ({@code READS}) from the parts below and its own. The function starts with it
 * ({@link io.cacifo.kit.Services#fromEnvironment(Reads)}), which refuses any other read, and deploy's
 * tests compare it with the environment and secrets stack.yaml gives that function.
 */
public final class Reads {
    /** Every function: its name, its secrets and the internal keys it signs or verifies with. */
    public static final Reads EVERY_FUNCTION = of(
            List.of(KitSettings.FUNCTION_NAME, KitSettings.SECRETS_DIR, KitSettings.SECRETS_RELOAD),
            List.of(KitSecrets.INTERNAL_HMAC_KEY, KitSecrets.INTERNAL_HMAC_KEY_PREVIOUS));
    /** {@code Services.verifier()}: calls from the locker's own functions. */
    public static final Reads VERIFIER = of(List.of(KitSettings.SIGNATURE_MAX_SKEW), List.of());
    /** {@code Services.backendVerifier()}: calls signed by the back-end. */
    public static final Reads BACKEND_VERIFIER = of(List.of(KitSettings.SIGNATURE_MAX_SKEW),
            List.of(KitSecrets.BACKEND_PUBLIC_KEYS));
    /** {@code Services.db()}. */
    public static final Reads DATABASE = of(List.of(KitSettings.DB_HOST, KitSettings.DB_PORT, KitSettings.DB_NAME,
            KitSettings.DB_USER, KitSettings.DB_POOL_SIZE, KitSettings.DB_CONNECT_TIMEOUT), List.of(KitSecrets.DB_PASSWORD));
    /** {@code Services.gateway()}: calls to other functions. */
    public static final Reads GATEWAY = of(List.of(KitSettings.GATEWAY_URL, KitSettings.GATEWAY_TIMEOUT), List.of());
    /** {@code Services.codeHasher()}. */
    public static final Reads CODE_HASHER = of(List.of(), List.of(KitSecrets.CODE_HASH_KEY));
    /** {@code Services.lockerPrivateKey()}. */
    public static final Reads LOCKER_PRIVATE_KEY = of(List.of(), List.of(KitSecrets.LOCKER_PRIVATE_KEY));

    private final List<Setting> settings;
    private final List<String> secrets;

    private Reads(List<Setting> settings, List<String> secrets) {
        this.settings = List.copyOf(settings);
        this.secrets = List.copyOf(secrets);
    }

    public static Reads of(List<Setting> settings, List<String> secrets) {
        return new Reads(settings, secrets);
    }

    /** These reads and {@code more}'s, each setting and secret once. */
    public Reads and(Reads... more) {
        Set<Setting> allSettings = new LinkedHashSet<>(settings);
        Set<String> allSecrets = new LinkedHashSet<>(secrets);
        for (Reads reads : more) {
            allSettings.addAll(reads.settings);
            allSecrets.addAll(reads.secrets);
        }
        return new Reads(new ArrayList<>(allSettings), new ArrayList<>(allSecrets));
    }

    public List<Setting> settings() {
        return settings;
    }

    public List<String> secrets() {
        return secrets;
    }
}

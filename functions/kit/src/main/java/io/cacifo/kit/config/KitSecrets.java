package io.cacifo.kit.config;

/** The names of the secrets the kit reads, one file each under {@code secrets_dir} ({@link Secrets}). */
public final class KitSecrets {
    private KitSecrets() {
    }

    /** Signs and verifies calls between the locker's functions. */
    public static final String INTERNAL_HMAC_KEY = "internal-hmac-key";
    /** The same key as {@link #INTERNAL_HMAC_KEY} except during a rotation: verifies only. */
    public static final String INTERNAL_HMAC_KEY_PREVIOUS = "internal-hmac-key-previous";
    public static final String DB_PASSWORD = "db-password";
    public static final String CODE_HASH_KEY = "code-hash-key";
    /** The back-end's EC P-256 public key(s), PEM; two while it rotates. */
    public static final String BACKEND_PUBLIC_KEYS = "backend-public-keys";
    /** The locker's RSA private key (PKCS#8 PEM) that opens the code envelopes the back-end seals for it. */
    public static final String LOCKER_PRIVATE_KEY = "locker-private-key";
}

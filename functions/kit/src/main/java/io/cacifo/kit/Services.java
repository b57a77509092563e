package io.cacifo.kit;

import io.cacifo.kit.config.Config;
import io.cacifo.kit.config.KitSecrets;
import io.cacifo.kit.config.KitSettings;
import io.cacifo.kit.config.Reads;
import io.cacifo.kit.config.Secrets;
import io.cacifo.kit.db.Db;
import io.cacifo.kit.http.CallDelivery;
import io.cacifo.kit.http.GatewayClient;
import io.cacifo.kit.security.CodeHasher;
import io.cacifo.kit.security.EcdsaVerifier;
import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.HmacVerifier;
import io.cacifo.kit.security.PemKeys;
import io.cacifo.kit.security.RequestSigner;
import io.cacifo.kit.security.RequestVerifier;
import io.cacifo.kit.security.RotatingKeys;
import io.cacifo.kit.security.SignedHeaders;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a function's shared parts once, from its settings and secrets, and hands them out. Each
 * part is made on first use, so door-io never opens a DB pool and user-manager never reads the
 * code-hash key. A missing secret or a bad setting fails at that first use with a message naming it.
 *
 * <p>Secrets: {@code internal-hmac-key} and {@code internal-hmac-key-previous} (the same key but during a rotation),
 * {@code db-password}, {@code code-hash-key}, {@code backend-public-keys} (PEM, the back-end's EC
 * P-256 public key, two during a rotation) and {@code locker-private-key} (PKCS#8 PEM, the locker's
 * RSA key that opens parcel code envelopes). Each function mounts only those it needs (stack.yaml).
 * The keys that rotate (the internal keys, the back-end's public keys) are read again while the
 * function runs ({@link RotatingKeys}); the others are read once.
 */
public final class Services {
    /** Joins the texts of two key files into one for {@link RotatingKeys}; no key holds it. */
    private static final String KEY_FILE_SEPARATOR = "\n\u0000\n";
    private final Config config;
    private final Secrets secrets;
    private final Clock clock;
    /** Null: through the gateway {@code gateway_url} names. */
    private final CallDelivery delivery;
    private final PrometheusRegistry metrics;
    private Db db;
    private RotatingKeys<HmacKey> internalKeys;
    private final Map<String, RotatingKeys<HmacKey>> sharedKeys = new HashMap<>();
    private RequestVerifier verifier;
    private RequestVerifier backendVerifier;
    private PrivateKey lockerPrivateKey;
    private GatewayClient gateway;
    private CodeHasher codeHasher;

    public Services(Config config, Secrets secrets, Clock clock) {
        this(config, secrets, clock, null, PrometheusRegistry.defaultRegistry);
    }

    private Services(Config config, Secrets secrets, Clock clock, CallDelivery delivery, PrometheusRegistry metrics) {
        this.config = config;
        this.secrets = secrets;
        this.clock = clock;
        this.delivery = delivery;
        this.metrics = metrics;
    }

    /**
     * The same function's parts, with its calls to other functions delivered by {@code delivery}
     * (the monolith's in-process hop; still signed, still verified) and its gauges in a registry of
     * its own, so several functions in one JVM do not write the same series. Call before any part is
     * used: the parts are made afresh.
     */
    public Services inOneJvm(CallDelivery delivery, PrometheusRegistry metrics) {
        return new Services(config, secrets, clock, delivery, metrics);
    }

    /**
     * The function's parts from the environment and the secrets dir, reading only what {@code reads}
     * (its settings class) declares: any other read throws {@link IllegalStateException} naming it.
     */
    public static Services fromEnvironment(Reads reads) {
        Config config = Config.environment().limitedTo(reads.settings());
        return new Services(config, Secrets.from(config).limitedTo(reads.secrets()), Clock.systemUTC());
    }

    public Config config() {
        return config;
    }

    public Secrets secrets() {
        return secrets;
    }

    public Clock clock() {
        return clock;
    }

    /** This function's name as the gateway routes to it: {@code function_name}, set per function in stack.yaml. */
    public String functionName() {
        return config.get(KitSettings.FUNCTION_NAME);
    }

    /**
     * Where this function's collectors go ({@link io.cacifo.kit.metrics.LockerMetrics}): the JVM's
     * default registry, which the entrypoint writes at {@code GET /metrics}, or its own in the monolith.
     */
    public PrometheusRegistry metrics() {
        return metrics;
    }

    public synchronized Db db() {
        if (db == null) {
            db = Db.connect(config, secrets);
        }
        return db;
    }

    /** Closes the pool if one was opened; the entrypoint does not need this, tests do. */
    public synchronized void closeDb() {
        if (db != null) {
            db.close();
            db = null;
        }
    }

    /**
     * The internal keys: {@code internal-hmac-key} signs and verifies, {@code internal-hmac-key-previous}
     * (the same key outside a rotation) verifies too, and both are read again while the function runs
     * (docs/install-pi.md, "Rotating keys").
     */
    public synchronized RotatingKeys<HmacKey> internalKeys() {
        if (internalKeys == null) {
            internalKeys = RotatingKeys.load(KitSecrets.INTERNAL_HMAC_KEY, () -> secrets.require(KitSecrets.INTERNAL_HMAC_KEY)
                            + KEY_FILE_SEPARATOR + secrets.find(KitSecrets.INTERNAL_HMAC_KEY_PREVIOUS).orElse(""),
                    Services::parseInternalKeys, HmacKey::id, clock, secretsReload());
        }
        return internalKeys;
    }

    private static List<HmacKey> parseInternalKeys(String text) {
        List<HmacKey> keys = new ArrayList<>();
        for (String key : text.split(KEY_FILE_SEPARATOR, -1)) {
            if (!key.isBlank()) {
                keys.add(new HmacKey(key.strip()));
            }
        }
        return keys;
    }

    /**
     * An HMAC key shared with something outside the locker's functions ({@code backend-hmac-key} with
     * the back-end), from the one-key secret {@code name}, read again while the function runs so it
     * can be replaced without a redeploy. Failure behaviour: the secret missing or shorter than a key
     * throws {@link IllegalStateException} naming it.
     */
    public synchronized RotatingKeys<HmacKey> sharedKey(String name) {
        RotatingKeys<HmacKey> keys = sharedKeys.get(name);
        if (keys == null) {
            keys = RotatingKeys.hmacKey(secrets, name, clock, secretsReload());
            sharedKeys.put(name, keys);
        }
        return keys;
    }

    private Duration secretsReload() {
        return config.millis(KitSettings.SECRETS_RELOAD, 1);
    }

    /** Verifies calls signed with the current internal key or, during a rotation, the other one. */
    public synchronized RequestVerifier verifier() {
        if (verifier == null) {
            verifier = new HmacVerifier(SignedHeaders.functionPrefix(functionName()), internalKeys(), clock,
                    config.getInt(KitSettings.SIGNATURE_MAX_SKEW, 1));
        }
        return verifier;
    }

    /**
     * Verifies calls signed by the back-end: ECDSA P-256 under any key in the secret
     * {@code backend-public-keys} (one PEM {@code PUBLIC KEY} block, or two while the back-end rotates
     * its key). A missing or malformed secret, or one that holds any private key, throws
     * {@link IllegalStateException} naming it, so a function whose actions need it fails at start
     * rather than on the first call (or runs holding a key that forges back-end requests).
     */
    public synchronized RequestVerifier backendVerifier() {
        if (backendVerifier == null) {
            RotatingKeys<PublicKey> keys = RotatingKeys.load(KitSecrets.BACKEND_PUBLIC_KEYS,
                    () -> secrets.require(KitSecrets.BACKEND_PUBLIC_KEYS), Services::backendPublicKeys, PemKeys::keyId, clock,
                    secretsReload());
            backendVerifier = new EcdsaVerifier(SignedHeaders.functionPrefix(functionName()), keys, clock,
                    config.getInt(KitSettings.SIGNATURE_MAX_SKEW, 1));
        }
        return backendVerifier;
    }

    private static List<PublicKey> backendPublicKeys(String pem) {
        if (PemKeys.holdsPrivateKey(pem)) {
            // A back-end private key on a locker lets whoever copies the SD card forge back-end
            // requests to every locker: refuse it rather than run with it.
            throw new IllegalStateException("secret 'backend-public-keys' holds a PRIVATE KEY block: a locker must"
                    + " hold only the back-end's public key(s). Replace the secret with the public PEM only, and"
                    + " have the back-end retire that key pair: it has left the back-end");
        }
        try {
            return PemKeys.ecPublicKeys(pem);
        } catch (IllegalStateException e) {
            // PemKeys names what it found, never the key text.
            throw new IllegalStateException("secret 'backend-public-keys': " + e.getMessage());
        }
    }

    /**
     * The locker's RSA private key (secret {@code locker-private-key}, unencrypted PKCS#8 PEM), which
     * opens the code envelopes the back-end seals for this locker. Parsed once per JVM: RSA key
     * parsing is slow and the key never changes while the function runs.
     */
    public synchronized PrivateKey lockerPrivateKey() {
        if (lockerPrivateKey == null) {
            String pem = secrets.require(KitSecrets.LOCKER_PRIVATE_KEY);
            try {
                lockerPrivateKey = PemKeys.rsaPrivateKey(pem);
            } catch (IllegalStateException e) {
                throw new IllegalStateException("secret 'locker-private-key': " + e.getMessage());
            }
        }
        return lockerPrivateKey;
    }

    public RequestSigner signer() {
        return new RequestSigner(internalKeys(), clock);
    }

    public synchronized GatewayClient gateway() {
        if (gateway == null) {
            Duration timeout = config.millis(KitSettings.GATEWAY_TIMEOUT, 1);
            gateway = delivery == null ? new GatewayClient(config.url(KitSettings.GATEWAY_URL), signer(), timeout)
                    : new GatewayClient(delivery, signer(), timeout);
        }
        return gateway;
    }

    public synchronized CodeHasher codeHasher() {
        if (codeHasher == null) {
            codeHasher = new CodeHasher(new HmacKey(secrets.require(KitSecrets.CODE_HASH_KEY)));
        }
        return codeHasher;
    }
}

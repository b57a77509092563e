package io.cacifo.kit;

import io.cacifo.kit.config.Config;
import io.cacifo.kit.config.Secrets;
import io.cacifo.kit.db.Db;
import io.cacifo.kit.http.GatewayClient;
import io.cacifo.kit.security.CodeHasher;
import io.cacifo.kit.security.EcdsaVerifier;
import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.HmacVerifier;
import io.cacifo.kit.security.PemKeys;
import io.cacifo.kit.security.RequestSigner;
import io.cacifo.kit.security.RequestVerifier;
import io.cacifo.kit.security.SignedHeaders;

import java.net.URI;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a function's shared parts once, from its settings and secrets, and hands them out. Each
 * part is made on first use, so door-io never opens a DB pool and user-manager never reads the
 * code-hash key. A missing secret or a bad setting fails at that first use with a message naming it.
 *
 * <p>Secrets: {@code internal-hmac-key} (and {@code internal-hmac-key-previous} during a rotation),
 * {@code db-password}, {@code code-hash-key}, {@code backend-public-keys} (PEM, the back-end's EC
 * P-256 public key, two during a rotation) and {@code locker-private-key} (PKCS#8 PEM, the locker's
 * RSA key that opens parcel code envelopes). Each function mounts only those it needs (stack.yaml).
 */
public final class Services {
    private final Config config;
    private final Secrets secrets;
    private final Clock clock;
    private Db db;
    private HmacKey internalKey;
    private RequestVerifier verifier;
    private RequestVerifier backendVerifier;
    private PrivateKey lockerPrivateKey;
    private GatewayClient gateway;
    private CodeHasher codeHasher;

    public Services(Config config, Secrets secrets, Clock clock) {
        this.config = config;
        this.secrets = secrets;
        this.clock = clock;
    }

    public static Services fromEnvironment() {
        Config config = Config.environment();
        return new Services(config, Secrets.from(config), Clock.systemUTC());
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
        return config.get("function_name");
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

    private synchronized HmacKey internalKey() {
        if (internalKey == null) {
            internalKey = new HmacKey(secrets.require("internal-hmac-key"));
        }
        return internalKey;
    }

    /** Verifies calls signed with the current internal key or, during a rotation, the previous one. */
    public synchronized RequestVerifier verifier() {
        if (verifier == null) {
            List<HmacKey> keys = new ArrayList<>();
            keys.add(internalKey());
            secrets.find("internal-hmac-key-previous").map(HmacKey::new).ifPresent(keys::add);
            verifier = new HmacVerifier(SignedHeaders.functionPrefix(functionName()), keys, clock, config.getInt("signature_max_skew_seconds"));
        }
        return verifier;
    }

    /** The same as {@link #verifier()}: calls signed by the locker's own functions. */
    public RequestVerifier internalVerifier() {
        return verifier();
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
            String pem = secrets.require("backend-public-keys");
            if (PemKeys.holdsPrivateKey(pem)) {
                // A back-end private key on a locker lets whoever copies the SD card forge back-end
                // requests to every locker: refuse to start rather than run with it.
                throw new IllegalStateException("secret 'backend-public-keys' holds a PRIVATE KEY block: a locker must"
                        + " hold only the back-end's public key(s). Replace the secret with the public PEM only, and"
                        + " have the back-end retire that key pair: it has left the back-end");
            }
            try {
                backendVerifier = new EcdsaVerifier(SignedHeaders.functionPrefix(functionName()),
                        PemKeys.ecPublicKeys(pem), clock, config.getInt("signature_max_skew_seconds"));
            } catch (IllegalStateException e) {
                // PemKeys names what it found, never the key text.
                throw new IllegalStateException("secret 'backend-public-keys': " + e.getMessage());
            }
        }
        return backendVerifier;
    }

    /**
     * The locker's RSA private key (secret {@code locker-private-key}, unencrypted PKCS#8 PEM), which
     * opens the code envelopes the back-end seals for this locker. Parsed once per JVM: RSA key
     * parsing is slow and the key never changes while the function runs.
     */
    public synchronized PrivateKey lockerPrivateKey() {
        if (lockerPrivateKey == null) {
            String pem = secrets.require("locker-private-key");
            try {
                lockerPrivateKey = PemKeys.rsaPrivateKey(pem);
            } catch (IllegalStateException e) {
                throw new IllegalStateException("secret 'locker-private-key': " + e.getMessage());
            }
        }
        return lockerPrivateKey;
    }

    public RequestSigner signer() {
        return new RequestSigner(internalKey(), clock);
    }

    public synchronized GatewayClient gateway() {
        if (gateway == null) {
            gateway = new GatewayClient(URI.create(config.get("gateway_url")), signer(),
                    Duration.ofMillis(config.getInt("gateway_timeout_ms")));
        }
        return gateway;
    }

    public synchronized CodeHasher codeHasher() {
        if (codeHasher == null) {
            codeHasher = new CodeHasher(new HmacKey(secrets.require("code-hash-key")));
        }
        return codeHasher;
    }
}

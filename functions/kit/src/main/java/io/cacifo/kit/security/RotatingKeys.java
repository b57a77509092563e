package io.cacifo.kit.security;

import io.cacifo.kit.config.Secrets;

import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Keys read from a secret that may be replaced while the function runs: {@code faas-cli secret
 * create} overwrites the file faasd mounts into every function, and a key rotation
 * (docs/install-pi.md, "Rotating keys") only works if each function picks the new text up without a
 * redeploy. The secret is read again every {@code checkEvery} (setting {@code secrets_reload_ms}), by
 * one background thread per JVM ({@link Watch}), so a function nobody calls keeps up too, and on use
 * when a check is due; a changed text is adopted once it reads the same twice in a row, so a file
 * caught half-written is never taken for a key. Until then, and whenever the new text is missing or
 * unusable, the keys in use stay (logged once, by name, never by value).
 *
 * <p>The first key of the text signs; every key of it verifies, and so, for
 * {@link #RETIRED_KEYS_ACCEPTED} after it left the text, does a key that was dropped: the functions
 * of a locker re-read at different moments, and one that already dropped the old key must not refuse
 * a call from one that still signs with it.
 */
public final class RotatingKeys<K> {
    /** How long a key dropped from its secret is still accepted: well above two checks of any function. */
    public static final Duration RETIRED_KEYS_ACCEPTED = Duration.ofMinutes(2);
    private static final Logger LOG = Logger.getLogger(RotatingKeys.class.getName());

    private final String secret;
    private final Supplier<String> read;
    private final Function<String, List<K>> parse;
    private final Function<K, String> idOf;
    private final Clock clock;
    private final long checkEveryMillis;
    private volatile Generation<K> current;
    private String seenOnce;
    /** A changed text that could not be used: said once, not again at every check while it stays. */
    private String rejected;
    private boolean failing;

    private RotatingKeys(String secret, Supplier<String> read, Function<String, List<K>> parse, Function<K, String> idOf,
                         Clock clock, Duration checkEvery) {
        this.secret = secret;
        this.read = read;
        this.parse = parse;
        this.idOf = idOf;
        this.clock = clock;
        this.checkEveryMillis = checkEvery.toMillis();
    }

    /**
     * The one-key secret {@code name} of {@code secrets} as an HMAC key (a key shared with the back-end,
     * or the internal key as a tool outside the functions signs with it). Failure behaviour as {@link #load}.
     */
    public static RotatingKeys<HmacKey> hmacKey(Secrets secrets, String name, Clock clock, Duration checkEvery) {
        return load(name, () -> secrets.require(name), text -> List.of(HmacKey.named(name, text)), HmacKey::id, clock,
                checkEvery);
    }

    /**
     * Reads and parses the secret now. Failure behaviour: whatever {@code read} or {@code parse}
     * throws (an {@link IllegalStateException} naming the secret), so a function fails at start
     * rather than run without its keys; later failures only keep the keys in use.
     *
     * @param read  the secret's text (one or more files joined); throws when it is missing
     * @param parse the keys in the text, the signing one first; throws {@link IllegalStateException} when unusable
     */
    public static <K> RotatingKeys<K> load(String secret, Supplier<String> read, Function<String, List<K>> parse,
                                           Function<K, String> idOf, Clock clock, Duration checkEvery) {
        RotatingKeys<K> keys = new RotatingKeys<>(secret, read, parse, idOf, clock, checkEvery);
        String text = read.get();
        keys.current = keys.generation(text, parse.apply(text), Map.of());
        Watch.follow(keys, checkEvery);
        return keys;
    }

    /** The key to sign with: the first of the secret's text as last adopted. */
    public K signing() {
        return fresh().signing;
    }

    /** The key with id {@code keyId} if it is accepted now, else null. */
    public K accepted(String keyId) {
        Generation<K> generation = fresh();
        K key = generation.keys.get(keyId);
        if (key != null) {
            return key;
        }
        Retired<K> retired = generation.retired.get(keyId);
        return retired != null && clock.millis() < retired.untilMillis ? retired.key : null;
    }

    private Generation<K> fresh() {
        Generation<K> generation = current;
        return clock.millis() < generation.nextCheckMillis ? generation : check();
    }

    /** Reads the secret again if a check is due; the background thread's and a late caller's way in. */
    synchronized Generation<K> check() {
        if (clock.millis() >= current.nextCheckMillis) {
            current = reread(current);
        }
        return current;
    }

    private Generation<K> reread(Generation<K> old) {
        String text;
        try {
            text = read.get();
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warning("[kit] secret '" + secret + "' could not be read again (" + e.getMessage() + "); the keys in use stay");
                failing = true;
            }
            return old.checkedAgain(nextCheck());
        }
        failing = false;
        if (text.equals(rejected)) {
            return old.checkedAgain(nextCheck());
        }
        if (text.equals(old.text) || !text.equals(seenOnce)) {
            // Unchanged, or changed but seen only once: a writer may still be at it.
            seenOnce = text.equals(old.text) ? null : text;
            return old.checkedAgain(nextCheck());
        }
        seenOnce = null;
        List<K> keys;
        try {
            keys = parse.apply(text);
        } catch (RuntimeException e) {
            LOG.severe("[kit] secret '" + secret + "' changed but cannot be used (" + e.getMessage() + "); the keys in use stay");
            rejected = text;
            return old.checkedAgain(nextCheck());
        }
        Map<String, Retired<K>> retired = new LinkedHashMap<>();
        long now = clock.millis();
        old.retired.forEach((id, key) -> {
            if (now < key.untilMillis) {
                retired.put(id, key);
            }
        });
        old.keys.forEach((id, key) -> retired.put(id, new Retired<>(key, now + RETIRED_KEYS_ACCEPTED.toMillis())));
        keys.forEach(key -> retired.remove(idOf.apply(key)));
        Generation<K> adopted = generation(text, keys, retired);
        Set<String> ids = new LinkedHashSet<>();
        keys.forEach(key -> ids.add(idOf.apply(key)));
        // Key ids are public (every signed request carries one); the keys never reach a log.
        LOG.info("[kit] secret '" + secret + "' changed: keys in use " + ids + " (the first signs); "
                + retired.keySet() + " still accepted for " + RETIRED_KEYS_ACCEPTED.toSeconds() + " s");
        return adopted;
    }

    private long nextCheck() {
        return clock.millis() + checkEveryMillis;
    }

    private Generation<K> generation(String text, List<K> keys, Map<String, Retired<K>> retired) {
        if (keys.isEmpty()) {
            throw new IllegalStateException("secret '" + secret + "' holds no key");
        }
        Map<String, K> byId = new LinkedHashMap<>();
        for (K key : keys) {
            byId.putIfAbsent(idOf.apply(key), key);
        }
        return new Generation<>(text, keys.get(0), byId, retired, nextCheck());
    }

    /**
     * The one background thread that checks every {@link RotatingKeys} of this JVM. It holds them
     * weakly: keys nobody uses any more (a test's) are dropped, not read for ever.
     */
    private static final class Watch {
        private static ScheduledExecutorService thread;

        private Watch() {
        }

        static synchronized void follow(RotatingKeys<?> keys, Duration every) {
            if (thread == null) {
                thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread watch = new Thread(runnable, "secret-watch");
                    watch.setDaemon(true);
                    return watch;
                });
            }
            WeakReference<RotatingKeys<?>> followed = new WeakReference<>(keys);
            long millis = Math.max(1, every.toMillis());
            AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
            task.set(thread.scheduleWithFixedDelay(() -> {
                RotatingKeys<?> alive = followed.get();
                if (alive == null) {
                    ScheduledFuture<?> self = task.get();
                    if (self != null) {
                        self.cancel(false);
                    }
                    return;
                }
                try {
                    alive.check();
                } catch (RuntimeException e) {
                    LOG.warning("[kit] checking secret '" + alive.secret + "' failed: " + e.getClass().getSimpleName());
                }
            }, millis, millis, TimeUnit.MILLISECONDS));
        }
    }

    private static final class Generation<K> {
        final String text;
        final K signing;
        final Map<String, K> keys;
        /** Keys dropped from the text, accepted until their time is up. */
        final Map<String, Retired<K>> retired;
        final long nextCheckMillis;

        Generation(String text, K signing, Map<String, K> keys, Map<String, Retired<K>> retired, long nextCheckMillis) {
            this.text = text;
            this.signing = signing;
            this.keys = Map.copyOf(keys);
            this.retired = Map.copyOf(retired);
            this.nextCheckMillis = nextCheckMillis;
        }

        Generation<K> checkedAgain(long nextCheckMillis) {
            return new Generation<>(text, signing, keys, retired, nextCheckMillis);
        }
    }

    private static final class Retired<K> {
        final K key;
        final long untilMillis;

        Retired(K key, long untilMillis) {
            this.key = key;
            this.untilMillis = untilMillis;
        }
    }
}

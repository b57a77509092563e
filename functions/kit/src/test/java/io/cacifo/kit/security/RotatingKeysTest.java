package io.cacifo.kit.security;

import io.cacifo.kit.config.Config;
import io.cacifo.kit.config.Secrets;
import io.cacifo.kit.Services;
import io.cacifo.kit.testing.LogCapture;
import io.cacifo.kit.testing.SettableClock;
import io.cacifo.kit.testing.TestLocker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keys that are replaced while a function runs, as faasd replaces a secret's file in every container. */
class RotatingKeysTest {
    private static final Duration CHECK = Duration.ofSeconds(5);
    private static final String OLD = "old-key-0123456789abcdef0123456789abcdef";
    private static final String NEW = "new-key-0123456789abcdef0123456789abcdef";
    private static final String NEWER = "newer-key-0123456789abcdef0123456789abcd";
    private final SettableClock clock = new SettableClock();

    private Services services(Path secrets) {
        return new Services(Config.of(Map.of("function_name", "door-manager")), new Secrets(secrets), clock);
    }

    /** Lets the keys look at their secret again (they do so when used, at most every check). */
    private void check(RotatingKeys<?> keys) {
        clock.advance(CHECK);
        keys.signing();
    }

    private static String id(String key) {
        return new HmacKey(key).id();
    }

    @Test
    void a_replaced_key_signs_once_it_has_read_the_same_twice_and_until_then_the_old_one_signs(@TempDir Path dir)
            throws Exception {
        TestLocker.writeSecret(dir, "internal-hmac-key", OLD);
        RotatingKeys<HmacKey> keys = services(dir).internalKeys();
        TestLocker.writeSecret(dir, "internal-hmac-key", NEW);

        String beforeAnyCheck = keys.signing().id();
        clock.advance(CHECK);
        String afterOneCheck = keys.signing().id();
        clock.advance(CHECK);
        String afterTwoChecks = keys.signing().id();

        assertEquals(id(OLD), beforeAnyCheck);
        assertEquals(id(OLD), afterOneCheck, "a text read once may be half written");
        assertEquals(id(NEW), afterTwoChecks);
    }

    @Test
    void the_previous_key_file_is_accepted_and_a_dropped_key_for_two_minutes_more(@TempDir Path dir) throws Exception {
        TestLocker.writeSecret(dir, "internal-hmac-key", OLD);
        TestLocker.writeSecret(dir, "internal-hmac-key-previous", NEW);
        RotatingKeys<HmacKey> keys = services(dir).internalKeys();
        assertNotNull(keys.accepted(id(NEW)), "step 1 of a rotation: the new key is accepted before anyone signs with it");
        assertEquals(id(OLD), keys.signing().id());

        TestLocker.writeSecret(dir, "internal-hmac-key", NEW);
        check(keys);
        check(keys);

        assertEquals(id(NEW), keys.signing().id());
        assertNotNull(keys.accepted(id(OLD)), "a function that has not re-read yet still signs with the old key");
        // The second check adopted the new text, just now: the old key retires from this moment.
        clock.advance(RotatingKeys.RETIRED_KEYS_ACCEPTED.minusSeconds(1));
        assertNotNull(keys.accepted(id(OLD)));
        clock.advance(Duration.ofSeconds(2));
        assertNull(keys.accepted(id(OLD)), "retired for good");
        assertNotNull(keys.accepted(id(NEW)));
        assertNull(keys.accepted(id(NEWER)));
    }

    @Test
    void a_verifier_and_a_signer_of_two_functions_that_re_read_at_different_moments_always_agree(@TempDir Path dir)
            throws Exception {
        TestLocker.writeSecret(dir, "internal-hmac-key", OLD);
        TestLocker.writeSecret(dir, "internal-hmac-key-previous", OLD);
        RotatingKeys<HmacKey> early = services(dir).internalKeys();
        clock.advance(Duration.ofMillis(2_500));
        RotatingKeys<HmacKey> late = services(dir).internalKeys();
        // docs/install-pi.md: previous := new, wait, current := new.
        List<Runnable> steps = List.of(
                () -> write(dir, "internal-hmac-key-previous", NEW),
                () -> write(dir, "internal-hmac-key", NEW));
        for (Runnable step : steps) {
            step.run();
            for (int tick = 0; tick < 12; tick++) {
                clock.advance(Duration.ofMillis(1_000));
                assertNotNull(late.accepted(early.signing().id()), "the late function refused the early one at tick " + tick);
                assertNotNull(early.accepted(late.signing().id()), "the early function refused the late one at tick " + tick);
            }
        }
        assertEquals(id(NEW), early.signing().id());
        assertEquals(id(NEW), late.signing().id());
    }

    @Test
    void a_function_nobody_calls_takes_up_a_replaced_key_by_itself(@TempDir Path dir) throws Exception {
        TestLocker.writeSecret(dir, "internal-hmac-key", OLD);
        TestLocker.writeSecret(dir, "internal-hmac-key-previous", OLD);
        RotatingKeys<HmacKey> idle = new Services(Config.of(Map.of("function_name", "door-manager", "secrets_reload_ms", "100")),
                new Secrets(dir), java.time.Clock.systemUTC()).internalKeys();

        try (LogCapture log = LogCapture.start()) {
            TestLocker.writeSecret(dir, "internal-hmac-key-previous", NEW);
            // The background check takes a changed text up on its second read, and says so.
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (log.lines().stream().noneMatch(line -> line.contains("changed: keys in use"))) {
                assertTrue(System.nanoTime() < giveUp, "no background check took up the new key in 30 s: " + log.lines());
                Thread.sleep(20);
            }
        }

        // Had nothing read the file meanwhile, this first use would see the new text once and not take it yet.
        assertNotNull(idle.accepted(id(NEW)), "the background check took up the new key");
    }

    @Test
    void a_key_file_that_goes_missing_or_short_keeps_the_keys_in_use_and_says_so_without_the_key(@TempDir Path dir)
            throws Exception {
        TestLocker.writeSecret(dir, "internal-hmac-key", OLD);
        RotatingKeys<HmacKey> keys = services(dir).internalKeys();
        try (LogCapture log = LogCapture.start()) {
            Files.delete(dir.resolve("internal-hmac-key"));
            check(keys);
            check(keys);
            assertEquals(id(OLD), keys.signing().id());
            TestLocker.writeSecret(dir, "internal-hmac-key", "too-short");
            check(keys);
            check(keys);
            assertEquals(id(OLD), keys.signing().id());

            check(keys);
            check(keys);
            assertTrue(log.lines().stream().anyMatch(line -> line.contains("'internal-hmac-key'")), log.lines().toString());
            assertEquals(1, log.lines().stream().filter(line -> line.contains("cannot be used")).count(),
                    "a bad text is reported once, not at every check: " + log.lines());
            assertFalse(log.lines().stream().anyMatch(line -> line.contains(OLD) || line.contains("too-short")),
                    log.lines().toString());
        }
    }

    @Test
    void a_missing_key_at_start_fails_the_start(@TempDir Path dir) {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> services(dir).internalKeys());

        assertTrue(refused.getMessage().contains("internal-hmac-key"), refused.getMessage());
    }

    @Test
    void the_back_end_s_keys_rotate_too_and_a_private_key_slipped_in_later_is_not_taken(@TempDir Path dir) throws Exception {
        java.security.KeyPair current = KeyPairs.ecP256();
        java.security.KeyPair next = KeyPairs.ecP256();
        TestLocker.writeSecret(dir, "backend-public-keys", PemKeys.publicPem(current.getPublic()));
        RequestVerifier verifier = services(dir).backendVerifier();
        String nextId = new EcdsaSigner(next, clock).keyId();
        assertFalse(verifier.knowsKey(nextId));

        TestLocker.writeSecret(dir, "backend-public-keys", PemKeys.publicPem(current.getPublic())
                + PemKeys.publicPem(next.getPublic()) + PemKeys.privatePem(next.getPrivate()));
        for (int i = 0; i < 3; i++) {
            clock.advance(CHECK);
            assertFalse(verifier.knowsKey(nextId), "a file holding a private key is refused as a whole");
        }

        TestLocker.writeSecret(dir, "backend-public-keys", PemKeys.publicPem(current.getPublic())
                + PemKeys.publicPem(next.getPublic()));
        clock.advance(CHECK);
        verifier.knowsKey(nextId);
        clock.advance(CHECK);
        assertTrue(verifier.knowsKey(nextId));
        Map<String, String> headers = new EcdsaSigner(next, clock).headers("POST", "/function/door-manager", "action=insert", "{}");
        verifier.verify("POST", "/", "action=insert", headers, "{}");
    }

    private static void write(Path dir, String name, String value) {
        try {
            TestLocker.writeSecret(dir, name, value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

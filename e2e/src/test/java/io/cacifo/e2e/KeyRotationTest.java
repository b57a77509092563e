package io.cacifo.e2e;

import io.cacifo.backend.LockerClient;
import io.cacifo.devstack.DevStack;
import io.cacifo.devstack.DevStackSettings;
import io.cacifo.devstack.Main;
import io.cacifo.devstack.demo.DemoParcel;
import io.cacifo.e2e.Locker.Parcel;
import io.cacifo.e2e.Locker.Screen;
import io.cacifo.kit.config.Config;
import io.cacifo.kit.config.KitSettings;
import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.KeyPairs;
import io.cacifo.kit.security.PemKeys;
import io.cacifo.kit.testing.TestLocker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Key rotation exactly as docs/install-pi.md "Rotating keys" does it on a Pi, through the gateway's
 * {@code /system/secrets} (what {@code faas-cli secret create} calls), while customers keep typing
 * codes and the back-end keeps creating parcels: the internal key, then the back-end's signing key,
 * and not one call fails.
 */
class KeyRotationTest {
    /** How long every function takes at most to use a replaced secret: two reads ({@code secrets_reload_ms}) and a margin. */
    private static final Duration ADOPTED = Config.of(Map.of()).millis(KitSettings.SECRETS_RELOAD, 1).multipliedBy(2).plusSeconds(2);
    private static final Duration SOON = Duration.ofSeconds(10);
    private static DevStack stack;
    private static Locker locker;

    @BeforeAll
    static void start() {
        stack = DevStack.start(DevStackSettings.forTests(Main.repoRoot(Path.of("").toAbsolutePath()))
                .withAutoCloseMs(300));
        assertEquals(List.of(), stack.skippedFunctions(), "every function must be built and running");
        locker = new Locker(stack);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** Parcels through deposit and pick-up, one door after another, every step's failure written down. */
    private static final class Customers implements Runnable {
        final AtomicReference<LockerClient> backend = new AtomicReference<>(stack.lockerClient());
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger cycles = new AtomicInteger();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        private final List<Integer> doors;

        Customers(List<Integer> doors) {
            this.doors = doors;
        }

        @Override
        public void run() {
            for (int i = 0; running.get(); i++) {
                int door = doors.get(i % doors.size());
                try {
                    Parcel parcel = locker.newParcel(door, backend.get());
                    step("deposit", parcel, locker.enter(parcel.deposit, "main"), "IN_STORAGE");
                    step("pick-up", parcel, locker.enter(parcel.pickup, "main"), "DELIVERED");
                    cycles.incrementAndGet();
                } catch (RuntimeException e) {
                    failures.add("door " + door + ": " + e.getMessage());
                }
            }
        }

        private void step(String what, Parcel parcel, Screen screen, String status) {
            if (screen.status != 200) {
                throw new IllegalStateException(what + " answered " + screen);
            }
            // The simulator closes the door by itself (auto-close); the status follows.
            if (!Locker.await(SOON, 20, () -> status.equals(locker.status(parcel.id)))) {
                throw new IllegalStateException(what + ": the parcel never became " + status);
            }
        }
    }

    @Test
    void the_internal_key_and_the_back_end_key_rotate_while_codes_are_entered_and_no_call_fails() throws Exception {
        List<Integer> doors = new ArrayList<>(stack.doorLayout().doors());
        doors.removeAll(stack.demoParcels().stream().map(DemoParcel::door).collect(Collectors.toList()));
        Customers customers = new Customers(doors);
        Thread traffic = new Thread(customers, "customers");
        traffic.start();
        String newInternal = TestLocker.randomKey();
        KeyPair oldBackend = PemKeys.ecKeyPair(locker.readSecret("backend-private-key"));
        KeyPair newBackend = KeyPairs.ecP256();
        try {
            Thread.sleep(2_000);
            // The internal key: every function accepts the new key first, then signs with it.
            locker.putSecret("internal-hmac-key-previous", newInternal);
            Thread.sleep(ADOPTED.toMillis());
            locker.putSecret("internal-hmac-key", newInternal);
            Thread.sleep(ADOPTED.toMillis());
            // The back-end's key: the locker trusts both, the back-end switches, the locker drops the old one.
            locker.putSecret("backend-public-keys", PemKeys.publicPem(oldBackend.getPublic()) + PemKeys.publicPem(newBackend.getPublic()));
            Thread.sleep(ADOPTED.toMillis());
            customers.backend.set(new LockerClient(stack.gatewayUrl(), newBackend,
                    PemKeys.rsaPublicKey(locker.readSecret("locker-public-key")), Clock.systemUTC(), Duration.ofSeconds(60)));
            Thread.sleep(3_000);
            locker.putSecret("backend-public-keys", PemKeys.publicPem(newBackend.getPublic()));
            Thread.sleep(ADOPTED.toMillis());
        } finally {
            customers.running.set(false);
            traffic.join(60_000);
        }

        assertEquals(List.of(), customers.failures, "every call went through while the keys changed");
        assertTrue(customers.cycles.get() >= 10, "the customers kept coming: " + customers.cycles.get() + " parcels");
        String newId = new HmacKey(newInternal).id();
        for (String function : List.of("user-manager", "partner-manager", "door-manager", "reservation-manager", "door-io",
                "screen-io", "controller")) {
            String log = Files.readString(stack.logsDir().resolve(function + ".log"), StandardCharsets.UTF_8);
            assertTrue(log.contains("secret 'internal-hmac-key' changed: keys in use [" + newId + "]"),
                    function + " signs with the new internal key");
        }
        String log = Files.readString(stack.logsDir().resolve("reservation-manager.log"), StandardCharsets.UTF_8);
        assertTrue(log.contains("secret 'backend-public-keys' changed: keys in use [" + PemKeys.keyId(newBackend.getPublic()) + "]"),
                "reservation-manager trusts only the back-end's new key");
        System.out.println("[e2e] keys rotated under " + customers.cycles.get() + " parcels deposited and picked up, no call failed");
    }
}

package io.cacifo.kit;

import io.cacifo.kit.config.Config;
import io.cacifo.kit.config.Secrets;
import io.cacifo.kit.security.EcdsaSigner;
import io.cacifo.kit.security.KeyPairs;
import io.cacifo.kit.security.PemKeys;
import io.cacifo.kit.security.RequestVerifier;
import io.cacifo.kit.testing.TestLocker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The back-end's public keys and the locker's private key, as Services reads them from the secrets. */
class ServicesTest {
    private Path secrets;

    @BeforeEach
    void makeSecrets() throws Exception {
        secrets = Files.createTempDirectory("services-test-");
    }

    @AfterEach
    void removeSecrets() throws Exception {
        try (java.util.stream.Stream<Path> files = Files.walk(secrets)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    private Services services() {
        return new Services(Config.of(Map.of("function_name", "door-manager")), new Secrets(secrets), Clock.systemUTC());
    }

    @Test
    void during_a_rotation_both_back_end_keys_are_accepted_and_no_other() throws Exception {
        KeyPair current = KeyPairs.ecP256();
        KeyPair next = KeyPairs.ecP256();
        KeyPair stranger = KeyPairs.ecP256();
        TestLocker.writeSecret(secrets, "backend-public-keys",
                PemKeys.publicPem(current.getPublic()) + PemKeys.publicPem(next.getPublic()));
        RequestVerifier verifier = services().backendVerifier();

        for (KeyPair key : new KeyPair[] {current, next}) {
            Map<String, String> headers = new EcdsaSigner(key, Clock.systemUTC())
                    .headers("POST", "/function/door-manager", "action=insert", "{}");
            assertTrue(verifier.knowsKey(headers.get("X-Cacifo-Key-Id")));
            assertDoesNotThrow(() -> verifier.verify("POST", "/", "action=insert", headers, "{}"));
        }
        Map<String, String> foreign = new EcdsaSigner(stranger, Clock.systemUTC())
                .headers("POST", "/function/door-manager", "action=insert", "{}");
        assertFalse(verifier.knowsKey(foreign.get("X-Cacifo-Key-Id")));
    }

    @Test
    void a_missing_or_wrong_back_end_key_fails_naming_the_secret_but_not_its_text() throws Exception {
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> services().backendVerifier());
        assertTrue(missing.getMessage().contains("backend-public-keys"), missing.getMessage());

        String rsaPem = PemKeys.publicPem(KeyPairs.rsa(2048).getPublic());
        TestLocker.writeSecret(secrets, "backend-public-keys", rsaPem);
        IllegalStateException wrong = assertThrows(IllegalStateException.class, () -> services().backendVerifier());
        assertTrue(wrong.getMessage().contains("backend-public-keys"), wrong.getMessage());
        assertFalse(wrong.getMessage().contains(rsaPem.split("\n")[1]), "the message must not quote the key");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY"})
    void back_end_public_keys_holding_any_private_key_are_refused_at_start(String label) throws Exception {
        KeyPair backend = KeyPairs.ecP256();
        String privateBlock = PemKeys.privatePem(backend.getPrivate()).replace("PRIVATE KEY", label);
        TestLocker.writeSecret(secrets, "backend-public-keys", PemKeys.publicPem(backend.getPublic()) + privateBlock);

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> services().backendVerifier());

        assertTrue(refused.getMessage().contains("backend-public-keys"), refused.getMessage());
        assertTrue(refused.getMessage().contains("PRIVATE KEY"), refused.getMessage());
        assertFalse(refused.getMessage().contains(privateBlock.split("\n")[1]), "the message must not quote the key");
    }

    @Test
    void the_locker_private_key_is_parsed_once_per_jvm() throws Exception {
        KeyPair locker = KeyPairs.rsa(2048);
        TestLocker.writeSecret(secrets, "locker-private-key", PemKeys.privatePem(locker.getPrivate()));
        Services services = services();

        assertSame(services.lockerPrivateKey(), services.lockerPrivateKey());
        assertEquals(locker.getPrivate(), services.lockerPrivateKey());
    }

    @Test
    void an_ec_key_where_the_locker_rsa_key_belongs_is_refused_naming_the_secret() throws Exception {
        TestLocker.writeSecret(secrets, "locker-private-key", PemKeys.privatePem(KeyPairs.ecP256().getPrivate()));

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> services().lockerPrivateKey());

        assertTrue(refused.getMessage().contains("locker-private-key"), refused.getMessage());
    }

    @Test
    void in_one_jvm_calls_go_to_the_handler_beside_it_signed_and_gauges_to_the_functions_own_registry() throws Exception {
        TestLocker.writeSecret(secrets, "internal-hmac-key", "k".repeat(40));
        io.cacifo.kit.http.InProcessDelivery delivery = new io.cacifo.kit.http.InProcessDelivery();
        io.prometheus.metrics.model.registry.PrometheusRegistry registry = new io.prometheus.metrics.model.registry.PrometheusRegistry();
        Services doorManager = services().inOneJvm(delivery, registry);
        // No gateway_url is set: a call that went over HTTP would go to the default address and find nobody.
        delivery.register("door-manager", io.cacifo.kit.http.ActionRouter.signed("door-manager", doorManager.verifier())
                .action("get", call -> io.cacifo.kit.http.Reply.ok(Map.of("id", 4))).build()::handle);

        assertEquals(200, doorManager.gateway().call("door-manager", "get", "{}").status());
        assertSame(registry, doorManager.metrics());
        assertSame(io.prometheus.metrics.model.registry.PrometheusRegistry.defaultRegistry, services().metrics());
    }
}

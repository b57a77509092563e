package io.cacifo.kit.testing;

import com.google.gson.JsonObject;
import com.openfaas.model.AbstractHandler;
import com.openfaas.model.IResponse;
import com.openfaas.model.Request;
import io.cacifo.kit.Services;
import io.cacifo.kit.config.Config;
import io.cacifo.kit.config.Secrets;
import io.cacifo.kit.http.ActionRouter;
import io.cacifo.kit.json.Json;
import io.cacifo.kit.security.CodeEnvelope;
import io.cacifo.kit.security.EcdsaSigner;
import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.KeyPairs;
import io.cacifo.kit.security.PemKeys;
import io.cacifo.kit.security.RequestSigner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything a function's in-process test needs: a fresh database, a secrets directory with fresh
 * keys, the function's {@link Services}, and requests signed the way the gateway client signs them
 * ({@link #signed}, the internal HMAC key) or the way the back-end signs them ({@link #backendSigned},
 * a fresh EC P-256 key whose public half is the secret {@code backend-public-keys}). The secrets
 * directory also holds {@code locker-private-key}, so {@link #sealCodes} makes envelopes this locker opens.
 */
public final class TestLocker implements AutoCloseable {
    private final String function;
    private final TestDatabase database;
    private final Path secretsDir;
    private final Services services;
    private final RequestSigner signer;
    private final KeyPair backendKey;
    private final EcdsaSigner backendSigner;

    private TestLocker(String function, TestDatabase database, Path secretsDir, Services services, KeyPair backendKey) {
        this.function = function;
        this.database = database;
        this.secretsDir = secretsDir;
        this.services = services;
        this.signer = new RequestSigner(new HmacKey(services.secrets().require("internal-hmac-key")), Clock.systemUTC());
        this.backendKey = backendKey;
        this.backendSigner = new EcdsaSigner(backendKey, Clock.systemUTC());
    }

    /** One locker RSA pair per test JVM: 2048 bits keeps the tests quick (keygen and the devstack use 3072). */
    private static final class LockerKey {
        static final KeyPair PAIR = KeyPairs.rsa(2048);
    }

    public static TestLocker create(String function) {
        return create(function, Map.of());
    }

    /** {@code settings} are added to (and override) the database settings. */
    public static TestLocker create(String function, Map<String, String> settings) {
        TestDatabase database = TestDatabase.create();
        try {
            Path secrets = Files.createTempDirectory("cacifo-secrets-");
            writeSecret(secrets, "internal-hmac-key", randomKey());
            writeSecret(secrets, "code-hash-key", randomKey());
            writeSecret(secrets, "db-password", database.server().password());
            KeyPair backendKey = KeyPairs.ecP256();
            writeSecret(secrets, "backend-public-keys", PemKeys.publicPem(backendKey.getPublic()));
            writeSecret(secrets, "locker-private-key", PemKeys.privatePem(LockerKey.PAIR.getPrivate()));
            Map<String, String> all = new HashMap<>(database.settings());
            all.put("function_name", function);
            all.put("secrets_dir", secrets.toString());
            all.put("db_connect_timeout_ms", "2000");
            all.putAll(settings);
            return new TestLocker(function, database, secrets,
                    new Services(Config.of(all), new Secrets(secrets), Clock.systemUTC()), backendKey);
        } catch (IOException e) {
            throw new IllegalStateException("could not write test secrets", e);
        }
    }

    public static String randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    public static void writeSecret(Path dir, String name, String value) throws IOException {
        Files.writeString(dir.resolve(name), value + "\n", StandardCharsets.UTF_8);
    }

    public Services services() {
        return services;
    }

    public TestDatabase database() {
        return database;
    }

    public Path secretsDir() {
        return secretsDir;
    }

    /** A POST to this function with {@code ?action=}, signed with the locker's internal key. */
    public Request signed(String action, Object body) {
        return signedFor(function, "action=" + action, body);
    }

    /** A POST signed for {@code targetFunction} with a raw query, e.g. to prove a signature for another function fails here. */
    public Request signedFor(String targetFunction, String query, Object body) {
        String json = json(body);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(signer.headers("POST", "/function/" + targetFunction, query, json));
        headers.put(ActionRouter.METHOD_HEADER, "POST");
        return new Request(json, headers, query, "/");
    }

    /** The actions docs/api.md "Who may call what" gives to the back-end alone, in every function that has them. */
    public static final Set<String> BACKEND_ONLY_ACTIONS = Set.of("insert", "update", "delete", "set_state");

    /** {@code action} signed as the contract wants: by the back-end for {@link #BACKEND_ONLY_ACTIONS}, else by the locker. */
    public Request signedAsContract(String action, Object body) {
        return BACKEND_ONLY_ACTIONS.contains(action) ? backendSigned(action, body) : signed(action, body);
    }

    /** A POST to this function with {@code ?action=}, signed with the back-end's EC key. */
    public Request backendSigned(String action, Object body) {
        return backendSignedFor(function, "action=" + action, body);
    }

    /** A POST signed by the back-end for {@code targetFunction} with a raw query. */
    public Request backendSignedFor(String targetFunction, String query, Object body) {
        String json = json(body);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(backendSigner.headers("POST", "/function/" + targetFunction, query, json));
        headers.put(ActionRouter.METHOD_HEADER, "POST");
        return new Request(json, headers, query, "/");
    }

    /** The back-end's key pair this locker trusts (its public half is the secret {@code backend-public-keys}). */
    public KeyPair backendKey() {
        return backendKey;
    }

    /** The public half of {@code locker-private-key}: what the back-end seals codes for. */
    public static PublicKey lockerPublicKey() {
        return LockerKey.PAIR.getPublic();
    }

    /** A {@code codes_envelope} for this locker, bound to {@code externalId}, as the back-end tool makes it. */
    public static JsonObject sealCodes(String externalId, String deposit, String pickup, String backup) {
        JsonObject codes = new JsonObject();
        codes.addProperty("deposit_code", deposit);
        codes.addProperty("pickup_code", pickup);
        codes.addProperty("backup_code", backup);
        return CodeEnvelope.seal(lockerPublicKey(), Json.write(codes), externalId).toJson();
    }

    /** A POST with exactly these headers (plus the method), for forged, stale or partial signatures. */
    public static Request withHeaders(String query, Object body, Map<String, String> signature) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(signature);
        headers.put(ActionRouter.METHOD_HEADER, "POST");
        return new Request(json(body), headers, query, "/");
    }

    /** A POST with no signature at all. */
    public Request unsigned(String action, Object body) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put(ActionRouter.METHOD_HEADER, "POST");
        return new Request(json(body), headers, "action=" + action, "/");
    }

    public static TestReply send(AbstractHandler handler, Request request) {
        IResponse response = handler.Handle(request);
        return new TestReply(response.getStatusCode(), response.getBody(), response.getContentType());
    }

    public static String json(Object body) {
        return body instanceof String ? (String) body : Json.write(body);
    }

    @Override
    public void close() throws Exception {
        services.closeDb();
        database.close();
        LocalMariaDb.deleteTree(secretsDir);
    }
}

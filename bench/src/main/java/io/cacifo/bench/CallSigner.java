package io.cacifo.bench;

import io.cacifo.kit.security.EcdsaSigner;
import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.PemKeys;
import io.cacifo.kit.security.RequestSigner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * Signs a call as its action requires (docs/api.md, "Who may call what"): insert, update, delete
 * and set_state with the back-end's ECDSA key when the locker's secrets hold one
 * ({@code backend-private-key}), everything else, and those too before the functions required the
 * back-end's key, with the internal HMAC key.
 */
final class CallSigner {
    private static final Set<String> BACKEND_ACTIONS = Set.of("insert", "update", "delete", "set_state");

    private final RequestSigner internal;
    private final EcdsaSigner backend;

    private CallSigner(RequestSigner internal, EcdsaSigner backend) {
        this.internal = internal;
        this.backend = backend;
    }

    /** From a secrets folder as the devstack writes it ({@code <state>/secrets/all}). */
    static CallSigner fromSecrets(Path secretsDir) {
        RequestSigner internal = new RequestSigner(new HmacKey(read(secretsDir.resolve("internal-hmac-key")).strip()),
                Clock.systemUTC());
        Path backendKey = secretsDir.resolve("backend-private-key");
        EcdsaSigner backend = Files.isRegularFile(backendKey)
                ? new EcdsaSigner(PemKeys.ecKeyPair(read(backendKey)), Clock.systemUTC()) : null;
        return new CallSigner(internal, backend);
    }

    boolean signsBackendActionsWithEcdsa() {
        return backend != null;
    }

    Map<String, String> headers(String path, String action, String body) {
        String query = "action=" + action;
        if (backend != null && BACKEND_ACTIONS.contains(action)) {
            return backend.headers("POST", path, query, body);
        }
        return internal.headers("POST", path, query, body);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the key file " + file, e);
        }
    }
}

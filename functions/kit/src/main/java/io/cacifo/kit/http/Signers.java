package io.cacifo.kit.http;

import com.openfaas.model.IRequest;
import io.cacifo.kit.http.ActionRouter.Access;
import io.cacifo.kit.security.RequestVerifier;
import io.cacifo.kit.security.SignedHeaders;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * A router's verifiers, and which of them an action takes ({@link Access}). A request is checked by
 * the verifier whose key it names; a genuine signature from a signer the action does not take is 401
 * too, so a function of a copied locker cannot create parcels.
 */
final class Signers {
    private static final Logger LOG = Logger.getLogger(Signers.class.getName());

    private final String function;
    private final RequestVerifier internal;
    private final RequestVerifier backend;

    Signers(String function, RequestVerifier internal, RequestVerifier backend) {
        this.function = function;
        this.internal = internal;
        this.backend = backend;
    }

    /**
     * Passes when the request is signed as {@code access} requires, and says whether it carries the
     * locker's internal signature ({@link Call#signedByLocker()}); otherwise {@link ApiException} 401.
     */
    boolean signedByLocker(IRequest request, Access access, String named) {
        if (access != Access.PUBLIC) {
            RequestVerifier signer = verify(request, accepted(access), named);
            return signer != null && signer == internal;
        }
        if (internal != null && internal.knowsKey(keyId(request))) {
            // A public action may be called with the locker's own key too (its tools and tests): such
            // a call is checked like any other and may be told more than an anonymous one.
            check(internal, request);
            return true;
        }
        return false;
    }

    /** For a request naming no action this router has: 401 unless signed by a signer it knows. */
    void requireKnownSigner(IRequest request, String named) {
        verify(request, verifiers(true, true), named);
    }

    private List<RequestVerifier> accepted(Access access) {
        switch (access) {
            case BACKEND_ONLY:
                return verifiers(false, true);
            case INTERNAL_OR_BACKEND:
                return verifiers(true, true);
            case INTERNAL_ONLY:
                return verifiers(true, false);
            default:
                throw new IllegalArgumentException("a public action takes no signature");
        }
    }

    private List<RequestVerifier> verifiers(boolean withInternal, boolean withBackend) {
        List<RequestVerifier> list = new ArrayList<>(2);
        if (withInternal && internal != null) {
            list.add(internal);
        }
        if (withBackend && backend != null) {
            list.add(backend);
        }
        return list;
    }

    /**
     * Passes, naming the verifier, when one in {@code accepted} knows the request's key and its signature holds. A
     * genuine signature of another signer this router knows is refused all the same, and logged: the
     * locker's own key on a back-end action means a function, or a copy of this locker, overstepping.
     */
    private RequestVerifier verify(IRequest request, List<RequestVerifier> accepted, String named) {
        if (accepted.isEmpty()) {
            // Only a router without any verifier (screen-io) gets here with nothing to check.
            return null;
        }
        String keyId = keyId(request);
        for (RequestVerifier verifier : accepted) {
            if (verifier.knowsKey(keyId)) {
                check(verifier, request);
                return verifier;
            }
        }
        for (RequestVerifier other : verifiers(true, true)) {
            if (other.knowsKey(keyId)) {
                // Only a genuine signature gets this far, so a forger cannot fill the log.
                check(other, request);
                String signer = other == internal ? "the locker's internal key" : "the back-end's key";
                LOG.warning("[" + function + "] action " + named + ": refused a genuine request signed with "
                        + signer + ", which this action does not take");
                throw ApiException.unauthorized("action '" + named + "' does not take a request signed with " + signer);
            }
        }
        throw ApiException.unauthorized("the request is not signed with a key this locker knows");
    }

    private static void check(RequestVerifier verifier, IRequest request) {
        verifier.verify("POST", request.getPathRaw(), request.getQueryRaw(), request.getHeaders(), request.getBody());
    }

    private static String keyId(IRequest request) {
        return Headers.find(request.getHeaders(), SignedHeaders.KEY_ID).map(String::trim).orElse("");
    }
}

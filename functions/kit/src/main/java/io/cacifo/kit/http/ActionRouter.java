package io.cacifo.kit.http;

import com.openfaas.model.IRequest;
import com.openfaas.model.IResponse;
import io.cacifo.kit.security.RequestVerifier;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The body of every function's {@code Handle}: POST only, the signature checked before anything
 * else ({@link Signers}), {@code ?action=} looked up, the action run, and whatever it throws mapped
 * by {@link Replies#failure} and answered by the router's {@link FailureReply}.
 *
 * <p>Each action says who may call it ({@link Access}, docs/api.md "Who may call what"): the
 * back-end only (its ECDSA key, which no locker holds), the locker's own functions (the internal
 * HMAC key) or the back-end, the locker's functions only, or anyone.
 */
public final class ActionRouter {
    /** Set by the entrypoint from the request line (a client's own value is replaced); IRequest has no method. */
    public static final String METHOD_HEADER = "X-Http-Method";

    /** Who may call an action. */
    public enum Access {
        /** Signed with the back-end's ECDSA key: what creates, changes or deletes locker data. */
        BACKEND_ONLY,
        /** Signed with the internal HMAC key or the back-end's key: reads, and the code workflow. */
        INTERNAL_OR_BACKEND,
        /** Signed with the internal HMAC key: the doors and the workflow, which the back-end never drives. */
        INTERNAL_ONLY,
        /**
         * Unsigned: the touchscreen's entry and the cron flush, which cannot hold a key. A call that
         * names the internal key must be validly signed with it ({@link Call#signedByLocker()}); any
         * other signature is ignored and the call is anonymous.
         */
        PUBLIC
    }

    private final String function;
    private final Signers signers;
    private final Map<String, Route> actions;
    private final String defaultAction;
    private final FailureReply failureReply;

    private ActionRouter(Builder builder) {
        this.function = builder.function;
        this.signers = new Signers(builder.function, builder.internal, builder.backend);
        this.actions = Map.copyOf(builder.actions);
        this.defaultAction = builder.defaultAction;
        this.failureReply = builder.failureReply;
    }

    /** A router whose actions each say who may call them; give the verifiers they need. */
    public static Builder builder(String function) {
        return new Builder(function, null);
    }

    /** A router whose every {@link Builder#action} takes the internal signature only. */
    public static Builder signed(String function, RequestVerifier internalVerifier) {
        return new Builder(function, Access.INTERNAL_ONLY).internal(internalVerifier);
    }

    /** A router open to unsigned calls: only for the screen's entry, which faces the touchscreen. */
    public static Builder unsigned(String function) {
        return new Builder(function, Access.PUBLIC);
    }

    /** Who may call {@code action}; throws {@link IllegalArgumentException} for an action not registered. */
    public Access accessOf(String action) {
        Route route = actions.get(action);
        if (route == null) {
            throw new IllegalArgumentException("no action '" + action + "'");
        }
        return route.access;
    }

    public IResponse handle(IRequest request) {
        String action = "-";
        try {
            if (!"POST".equals(Headers.find(request.getHeaders(), METHOD_HEADER).orElse("POST"))) {
                throw new ApiException(405, "method_not_allowed", "use POST");
            }
            Query query = Query.parse(request.getQueryRaw());
            String named = query.find("action").orElse(defaultAction);
            Route route = named == null ? null : actions.get(named);
            if (route == null) {
                // No action, or one we do not have: a caller must still prove who it is before it
                // learns which actions exist.
                signers.requireKnownSigner(request, named);
                if (named == null) {
                    throw ApiException.badRequest("missing_action", "add ?action= with one of " + actions.keySet());
                }
                throw ApiException.badRequest("unknown_action", "action must be one of " + actions.keySet());
            }
            boolean signedByLocker = signers.signedByLocker(request, route.access, named);
            action = named;
            return Replies.of(route.action.run(new Call(request, signedByLocker)));
        } catch (Throwable failure) {
            ApiException answer = Replies.failure(failure, function, "action " + action);
            return Replies.of(failureReply.of(answer.status(), answer.error(), answer.getMessage()));
        }
    }

    private static final class Route {
        final Action action;
        final Access access;

        Route(Action action, Access access) {
            this.action = action;
            this.access = access;
        }
    }

    public static final class Builder {
        private final String function;
        private final Access defaultAccess;
        private final Map<String, Route> actions = new LinkedHashMap<>();
        private RequestVerifier internal;
        private RequestVerifier backend;
        private String defaultAction;
        private FailureReply failureReply = Replies::error;

        private Builder(String function, Access defaultAccess) {
            this.function = function;
            this.defaultAccess = defaultAccess;
        }

        /** Verifies the internal HMAC signature (Services#verifier). */
        public Builder internal(RequestVerifier verifier) {
            this.internal = Objects.requireNonNull(verifier, "internal verifier");
            return this;
        }

        /** Verifies the back-end's ECDSA signature (Services#backendVerifier). */
        public Builder backend(RequestVerifier verifier) {
            this.backend = Objects.requireNonNull(verifier, "back-end verifier");
            return this;
        }

        /** An action with this builder's default access: internal only for {@link #signed}, public for {@link #unsigned}. */
        public Builder action(String name, Action action) {
            if (defaultAccess == null) {
                throw new IllegalStateException("say who may call '" + name
                        + "': backendOnly, internalOrBackend, internalOnly or publicAction");
            }
            return add(name, action, defaultAccess);
        }

        public Builder backendOnly(String name, Action action) {
            return add(name, action, Access.BACKEND_ONLY);
        }

        public Builder internalOrBackend(String name, Action action) {
            return add(name, action, Access.INTERNAL_OR_BACKEND);
        }

        public Builder internalOnly(String name, Action action) {
            return add(name, action, Access.INTERNAL_ONLY);
        }

        /**
         * A record the back-end owns (docs/api.md, "Who may call what"): only the back-end inserts,
         * updates and deletes it; the locker's functions and the back-end may get and list it.
         */
        public Builder records(Action insert, Action update, Action delete, Action get, Action list) {
            return backendOnly("insert", insert).backendOnly("update", update).backendOnly("delete", delete)
                    .internalOrBackend("get", get).internalOrBackend("list", list);
        }

        /**
         * An action served without a signature. Only for actions that reveal nothing and change
         * nothing a caller could choose, such as the outbox flush that faasd's cron-connector
         * triggers (it cannot sign).
         */
        public Builder publicAction(String name, Action action) {
            return add(name, action, Access.PUBLIC);
        }

        /** The action run when the query names none (cron-connector calls with no query). */
        public Builder defaultAction(String name) {
            this.defaultAction = name;
            return this;
        }

        /** How this function answers a failure, if not with {@link Replies#error}: screen-io adds what the screen shows. */
        public Builder failureReply(FailureReply failureReply) {
            this.failureReply = Objects.requireNonNull(failureReply, "failure reply");
            return this;
        }

        /** Throws {@link IllegalStateException} when an action needs a verifier that was not given. */
        public ActionRouter build() {
            if (defaultAction != null && !actions.containsKey(defaultAction)) {
                throw new IllegalStateException("default action '" + defaultAction + "' is not registered");
            }
            for (Map.Entry<String, Route> entry : actions.entrySet()) {
                Access access = entry.getValue().access;
                boolean needsBackend = access == Access.BACKEND_ONLY || access == Access.INTERNAL_OR_BACKEND;
                boolean needsInternal = access == Access.INTERNAL_ONLY || access == Access.INTERNAL_OR_BACKEND;
                if (needsBackend && backend == null) {
                    throw new IllegalStateException("action '" + entry.getKey() + "' takes the back-end's signature,"
                            + " but no back-end verifier was given");
                }
                if (needsInternal && internal == null) {
                    throw new IllegalStateException("action '" + entry.getKey() + "' takes the internal signature,"
                            + " but no internal verifier was given");
                }
            }
            return new ActionRouter(this);
        }

        private Builder add(String name, Action action, Access access) {
            if (actions.putIfAbsent(name, new Route(Objects.requireNonNull(action, "action"), access)) != null) {
                throw new IllegalArgumentException("action '" + name + "' registered twice");
            }
            return this;
        }
    }
}

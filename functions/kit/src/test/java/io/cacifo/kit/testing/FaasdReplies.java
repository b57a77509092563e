package io.cacifo.kit.testing;

/**
 * What faasd itself answers, instead of the function, when a call does not get through; read from
 * the sources the install guide pins (docs/reliability.md, "Calls to a function that is starting").
 */
public final class FaasdReplies {
    private FaasdReplies() {
    }

    /**
     * of-watchdog 0.10.9 executor/http_runner.go: its request to the JVM failed (not listening yet,
     * or died mid-call): 500, no body.
     */
    public static FakeHttpServer.Reply jvmNotAnswering() {
        return FakeHttpServer.Reply.empty(500).with("X-OpenFaaS-Internal", "of-watchdog");
    }

    /**
     * faas-provider proxy/proxy.go as faasd vendors it: the function has no task to resolve. Go
     * writes the header name canonicalised, as here.
     */
    public static FakeHttpServer.Reply noEndpoints(String function) {
        return FakeHttpServer.Reply.of(503, "text/plain; charset=utf-8", "No endpoints available for: " + function + ".\n")
                .with("X-Openfaas-Internal", "proxy");
    }

    /** faas-provider proxy/proxy.go: its request to the function's watchdog failed (maybe mid-call). */
    public static FakeHttpServer.Reply cannotReachService(String function) {
        return FakeHttpServer.Reply.of(500, "text/plain; charset=utf-8", "Can't reach service for: " + function + ".\n")
                .with("X-Openfaas-Internal", "proxy");
    }

    /** The gateway 0.27.13 gateway/handlers/forwarding_proxy.go: its request to the provider failed. */
    public static FakeHttpServer.Reply gatewayBadGateway() {
        return FakeHttpServer.Reply.empty(502);
    }
}

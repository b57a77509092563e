package io.cacifo.kit.http;

/**
 * How far a call through faasd got, told from the reply alone: whether its handler can have run.
 * Read from the sources of what faasd 0.19.x runs (docs/reliability.md, "Calls to a function that is
 * starting"): faasd's own layers mark their failures with {@code X-OpenFaaS-Internal}, except the
 * gateway's 502; a reply without the header is the function's.
 */
public enum Reach {
    /**
     * Provably never reached a handler: no connection to the gateway, or faas-provider's 503
     * "No endpoints available for" ({@code X-OpenFaaS-Internal: proxy}, vendor/github.com/openfaas/
     * faas-provider/proxy/proxy.go), written when the function has no task to send the call to.
     */
    NEVER,
    /**
     * Maybe reached: faasd lost the call between the gateway and the JVM. of-watchdog's 500
     * ({@code of-watchdog}, executor/http_runner.go: its request to the JVM failed, whether the JVM
     * did not listen yet or died mid-call), faas-provider's 500 "Can't reach service for"
     * ({@code proxy}: its request to the watchdog failed), or the gateway's empty 502
     * (gateway/handlers/forwarding_proxy.go: its request to the provider failed, a refused
     * connection and a provider that died mid-call alike).
     */
    MAYBE,
    /** The handler ran: its own answer, or of-watchdog's 504 after {@code exec_timeout}. */
    RAN;

    static final String INTERNAL_HEADER = "X-OpenFaaS-Internal";

    /** {@code internal}: the reply's {@code X-OpenFaaS-Internal} value, or null without one. */
    static Reach of(int status, String internal) {
        if (internal == null) {
            // Our functions never answer 502 (Replies): one without the header is the gateway's.
            return status == 502 ? MAYBE : RAN;
        }
        if (status == 503 && "proxy".equalsIgnoreCase(internal)) {
            return NEVER;
        }
        return status == 500 ? MAYBE : RAN;
    }
}

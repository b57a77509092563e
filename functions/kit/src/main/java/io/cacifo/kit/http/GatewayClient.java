package io.cacifo.kit.http;

import io.cacifo.kit.config.Timeouts;
import io.cacifo.kit.json.Json;
import io.cacifo.kit.security.RequestSigner;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Calls other functions through the gateway: POST {@code /function/<name>?action=<action>} with a
 * JSON body, signed with the internal key, over {@link BlockingHttp} (the JDK keeps connections alive).
 * In the monolith the same signed call is handed to the handler in the same JVM instead
 * ({@link CallDelivery}, {@link InProcessDelivery}); the rules below hold for both.
 *
 * <p>A call that meets a function still starting (faasd starts a function on its first call and
 * forwards that call at once, before the JVM listens) is sent again, signed afresh, only when a
 * second run cannot happen: any call whose first try provably never reached a handler
 * ({@link Reach#NEVER}: no connection to the gateway, or no task to forward it to), and a call its
 * caller marks idempotent ({@link #callIdempotent}) also when it maybe reached one
 * ({@link Reach#MAYBE}). Tries follow each other after 100 ms, doubling to 800 ms, and start only
 * within {@link Timeouts#WAKE_RETRY} of the first; all of them end within the call's own timeout.
 *
 * <p>Failure behaviour: any HTTP status is returned as a {@link GatewayReply} for the caller to
 * judge (after the last try, as it came); the gateway unreachable or too slow throws
 * {@link ApiException} 503 {@code upstream_unavailable}.
 */
public final class GatewayClient {
    private static final Logger LOG = Logger.getLogger(GatewayClient.class.getName());
    /** A function's name as the gateway routes it; settings that name functions check theirs with it. */
    public static final Pattern FUNCTION_NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(800);
    private final CallDelivery delivery;
    private final RequestSigner signer;
    private final Duration timeout;

    public GatewayClient(URI gateway, RequestSigner signer, Duration timeout) {
        this(CallDelivery.overHttp(gateway), signer, timeout);
    }

    /** Calls delivered by {@code delivery}: the monolith's in-process hop instead of the gateway. */
    public GatewayClient(CallDelivery delivery, RequestSigner signer, Duration timeout) {
        this.delivery = delivery;
        this.signer = signer;
        this.timeout = timeout;
    }

    /** A call that must not run twice (it changes something each time): sent again only if it never reached a handler. */
    public GatewayReply call(String function, String action, Object body) {
        return call(function, action, body, timeout);
    }

    /** As {@link #call(String, String, Object)} with its own timeout, for calls that wait on a door. */
    public GatewayReply call(String function, String action, Object body, Duration callTimeout) {
        return send(function, action, body, callTimeout, false);
    }

    /**
     * A call whose second run changes nothing the first did not (it only reads, or repeats the same
     * change): also sent again when faasd lost it on its way, maybe after the handler started.
     */
    public GatewayReply callIdempotent(String function, String action, Object body) {
        return callIdempotent(function, action, body, timeout);
    }

    /** As {@link #callIdempotent(String, String, Object)} with its own timeout. */
    public GatewayReply callIdempotent(String function, String action, Object body, Duration callTimeout) {
        return send(function, action, body, callTimeout, true);
    }

    private GatewayReply send(String function, String action, Object body, Duration callTimeout, boolean idempotent) {
        if (!FUNCTION_NAME.matcher(function).matches() || !ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("not a function or action name: " + function + "/" + action);
        }
        String json = body instanceof String ? (String) body : Json.write(body);
        Tries tries = new Tries(System.nanoTime(), callTimeout);
        while (true) {
            Reach reach;
            // Null when no reply came: the call ends as 503 upstream_unavailable.
            GatewayReply reply = null;
            try {
                reply = once(function, action, json, tries.left());
                reach = reply.reach();
            } catch (BlockingHttp.NoReplyInTime e) {
                // The call's own time is spent: nothing is left for another try.
                throw ApiException.unavailable("upstream_unavailable", function + " did not answer in time");
            } catch (BlockingHttp.NotConnected e) {
                reach = Reach.NEVER;
            } catch (BlockingHttp.ReplyTooLarge e) {
                reach = Reach.RAN;
            } catch (IOException e) {
                // The connection broke after the request went out.
                reach = Reach.MAYBE;
            }
            boolean again = reach == Reach.NEVER || (reach == Reach.MAYBE && idempotent);
            if (!again || !tries.pause()) {
                if (tries.count > 1) {
                    LOG.info("[gateway] " + function + "/" + action + ": " + (reply != null && reply.isSuccess() ? "answered" : "gave up")
                            + " after " + tries.count + " tries (" + reach + ")");
                }
                if (reply == null) {
                    throw ApiException.unavailable("upstream_unavailable", function + " could not be reached");
                }
                return reply;
            }
        }
    }

    private GatewayReply once(String function, String action, String json, Duration left) throws IOException {
        String path = "/function/" + function;
        String query = "action=" + action;
        Duration connect = left.compareTo(CONNECT_TIMEOUT) < 0 ? left : CONNECT_TIMEOUT;
        return delivery.post(function, query, signer.headers("POST", path, query, json), json, connect, left);
    }

    /** The tries of one call: when the next may start, and how long the current one may take. */
    private static final class Tries {
        private final long lastStart;
        private final long deadline;
        private Duration nextPause = FIRST_PAUSE;
        private int count = 1;

        Tries(long start, Duration callTimeout) {
            this.lastStart = start + Timeouts.WAKE_RETRY.toNanos();
            this.deadline = start + callTimeout.toNanos();
        }

        /** What is left of the call's own timeout (at least 1 ms). */
        Duration left() {
            return Duration.ofNanos(Math.max(Duration.ofMillis(1).toNanos(), deadline - System.nanoTime()));
        }

        /** Waits before the next try; false (no wait) when it would start past the budget or the deadline, or on interrupt. */
        boolean pause() {
            long startsAt = System.nanoTime() + nextPause.toNanos();
            if (startsAt - lastStart > 0 || startsAt - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(nextPause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            Duration doubled = nextPause.multipliedBy(2);
            nextPause = doubled.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : doubled;
            count++;
            return true;
        }
    }

    /**
     * {@code GET /function/<name>/health}, the entrypoint's own probe (of-watchdog's {@code /_/health}
     * says nothing about the JVM). True only for a 200 within {@code timeout}. Through the gateway, so
     * on faasd a function with no running task is started by the probe itself (scale from zero).
     */
    public boolean isHealthy(String function, Duration timeout) {
        if (!FUNCTION_NAME.matcher(function).matches()) {
            throw new IllegalArgumentException("not a function name: " + function);
        }
        return delivery.isHealthy(function, CONNECT_TIMEOUT, timeout);
    }
}

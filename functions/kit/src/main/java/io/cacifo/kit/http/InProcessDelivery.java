package io.cacifo.kit.http;

import com.openfaas.model.IHandler;
import com.openfaas.model.IResponse;
import com.openfaas.model.Request;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The monolith's hop: a {@link GatewayClient} call handed to the handler of the named function in
 * the same JVM, on the calling thread, as the request the entrypoint would have built from the
 * HTTP call (the signed headers in a case-insensitive map, {@code X-Http-Method: POST}, the query,
 * path {@code /} as of-watchdog passes it). The caller still signs and the handler still verifies:
 * only the gateway, the sockets and the JSON's bytes on the wire are gone.
 *
 * <p>Failure behaviour: a function not {@link #register registered} (yet) is a call that reached no
 * handler ({@link BlockingHttp.NotConnected}, retried as a function still starting is); a handler
 * that throws answers 500 {@code internal} with the cause in the log, as the entrypoint does. The
 * call runs to its end on the caller's thread: the handler's own timeouts (DB, lock board) bound
 * it, not the call's timeout.
 */
public final class InProcessDelivery implements CallDelivery {
    private static final Logger LOG = Logger.getLogger(InProcessDelivery.class.getName());
    /** The path a function's handler receives for {@code /function/<name>} (of-watchdog strips the prefix). */
    private static final String RECEIVED_PATH = "/";

    private final Map<String, IHandler> handlers = new ConcurrentHashMap<>();

    /** Makes {@code function} reachable; a second registration of the same name replaces the first. */
    public void register(String function, IHandler handler) {
        if (!GatewayClient.FUNCTION_NAME.matcher(function).matches()) {
            throw new IllegalArgumentException("not a function name: " + function);
        }
        handlers.put(function, handler);
    }

    @Override
    public GatewayReply post(String function, String query, Map<String, String> headers, String json, Duration connect,
                             Duration left) throws IOException {
        IHandler handler = handlers.get(function);
        if (handler == null) {
            throw new BlockingHttp.NotConnected(function + " is not running in this JVM", null);
        }
        Map<String, String> received = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        received.putAll(headers);
        received.put("Content-Type", Replies.JSON);
        received.put(ActionRouter.METHOD_HEADER, "POST");
        IResponse response;
        try {
            response = handler.Handle(new Request(json, received, query, RECEIVED_PATH));
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "[monolith] " + function + " failed", e);
            return new GatewayReply(500, "{\"error\":\"internal\",\"message\":\"the function failed; see its log\"}", null);
        }
        if (response == null) {
            return new GatewayReply(500, "{\"error\":\"internal\",\"message\":\"the function returned no response\"}", null);
        }
        return new GatewayReply(response.getStatusCode(), response.getBody(), null);
    }

    /** A registered handler is up: it was built, so its JVM (this one) answers. */
    @Override
    public boolean isHealthy(String function, Duration connect, Duration timeout) {
        return handlers.containsKey(function);
    }
}

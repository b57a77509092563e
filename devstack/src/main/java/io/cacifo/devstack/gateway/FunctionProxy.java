package io.cacifo.devstack.gateway;

import io.cacifo.kit.http.BlockingHttp;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Forwards a call to its function's process on 127.0.0.1 as faasd's gateway and the function's
 * of-watchdog forward it: same method, sub-path, query, headers (minus hop-by-hop) and body, over
 * kept-alive connections ({@link BlockingHttp}), waiting at most the function's exec_timeout. A
 * stopped task is scaled from zero first, with no readiness wait. The function's reply comes back
 * unchanged. Never throws for a function's problems; they become the replies faasd gives.
 */
public final class FunctionProxy {
    private static final Logger LOG = Logger.getLogger(FunctionProxy.class.getName());

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final FunctionDirectory directory;

    public FunctionProxy(FunctionDirectory directory) {
        this.directory = directory;
    }

    /**
     * 404 for a function not deployed; of-watchdog's empty 500 ({@link FunctionReply#watchdogError})
     * when its process does not answer (not listening yet, dead, connection dropped); 504 when it
     * answers later than its exec_timeout (of-watchdog's status).
     */
    public FunctionReply forward(Invocation call) {
        Optional<FunctionEndpoint> found = directory.find(call.function());
        if (found.isEmpty()) {
            return notFound(call.function());
        }
        FunctionEndpoint function = found.get();
        // The gateway's scale-from-zero: the task is (re-)created and the call goes on at once.
        function.task().scaleFromZero();
        return send(function, call);
    }

    /**
     * Sends the call to {@code function}'s process as it is, starting nothing: of-watchdog's empty 500
     * when the process does not answer, 504 after its exec_timeout. faasd-provider's proxy forwards
     * this way ({@link ProviderServer}); {@link #forward} scales from zero first, as the gateway does.
     */
    public FunctionReply send(FunctionEndpoint function, Invocation call) {
        String qualified = FunctionDirectory.qualified(function.name());
        URI target = URI.create("http://127.0.0.1:" + function.port() + function.pathPrefix() + call.subPath()
                + (call.rawQuery() == null ? "" : "?" + call.rawQuery()));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        call.headers().forEach((name, values) -> {
            if (!HopByHop.dropFromRequest(name, call.headers())) {
                headers.put(name, values);
            }
        });
        try {
            BlockingHttp.Reply reply = BlockingHttp.send(target, call.method(), headers, call.body(), CONNECT_TIMEOUT,
                    function.execTimeout());
            return new FunctionReply(reply.status(), passThrough(reply.headers()), reply.body());
        } catch (BlockingHttp.NotConnected e) {
            LOG.warning("[gateway] " + qualified + " did not accept a connection: " + e.getMessage());
            return FunctionReply.watchdogError();
        } catch (BlockingHttp.NoReplyInTime e) {
            LOG.warning("[gateway] " + qualified + " did not answer within its exec_timeout " + function.execTimeout());
            return FunctionReply.text(504, "Timed out after " + function.execTimeout().toMillis()
                    + " ms waiting for: " + qualified);
        } catch (IOException e) {
            LOG.warning("[gateway] " + qualified + " could not be reached on port " + function.port() + ": " + e);
            return FunctionReply.watchdogError();
        }
    }

    public static FunctionReply notFound(String function) {
        return FunctionReply.text(404, "error finding function " + FunctionDirectory.qualified(function) + ": not found");
    }

    private static Map<String, List<String>> passThrough(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (!HopByHop.dropFromResponse(name, headers)) {
                out.put(name, new ArrayList<>(values));
            }
        });
        return out;
    }
}

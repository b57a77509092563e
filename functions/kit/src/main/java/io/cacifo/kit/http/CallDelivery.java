package io.cacifo.kit.http;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * How {@link GatewayClient}'s signed call reaches the function it names: over HTTP through the
 * gateway ({@link #overHttp}, every function on faasd), or to a handler in the same JVM
 * ({@link InProcessDelivery}, the monolith). The client signs the call the same way for both and
 * the receiving handler verifies it the same way; only the hop differs.
 */
public interface CallDelivery {
    /**
     * Delivers one signed POST to {@code /function/<function>} and returns the answer. Throws
     * {@link BlockingHttp.NotConnected} when the call provably reached no handler, another
     * {@link IOException} when it may have, {@link BlockingHttp.NoReplyInTime} when {@code left} ran out.
     */
    GatewayReply post(String function, String query, Map<String, String> headers, String json, Duration connect,
                      Duration left) throws IOException;

    /** Whether {@code function} answers its health probe within {@code timeout}; never throws. */
    boolean isHealthy(String function, Duration connect, Duration timeout);

    /** Through the gateway at {@code gateway}: {@code POST /function/<name>?<query>}, {@code GET /function/<name>/health}. */
    static CallDelivery overHttp(URI gateway) {
        return new CallDelivery() {
            @Override
            public GatewayReply post(String function, String query, Map<String, String> headers, String json,
                                     Duration connect, Duration left) throws IOException {
                BlockingHttp.Reply reply = BlockingHttp.postJson(gateway.resolve("/function/" + function + "?" + query),
                        headers, json, connect, left);
                return new GatewayReply(reply.status(), reply.text(), Headers.find(reply.headers(), Reach.INTERNAL_HEADER)
                        .flatMap(values -> values.stream().findFirst()).orElse(null));
            }

            @Override
            public boolean isHealthy(String function, Duration connect, Duration timeout) {
                try {
                    return BlockingHttp.send(gateway.resolve("/function/" + function + "/health"), "GET", Map.of(),
                            new byte[0], connect, timeout).status() == 200;
                } catch (IOException e) {
                    return false;
                }
            }
        };
    }
}

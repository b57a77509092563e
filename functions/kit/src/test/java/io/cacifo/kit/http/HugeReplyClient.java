package io.cacifo.kit.http;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Run in its own small JVM by {@link BlockingHttpTest}: calls a URL that answers 100 MB, with and
 * without a Content-Length, {@link #CALLS} times, and prints the outcome of each. An OutOfMemoryError
 * ends the JVM with a non-zero exit.
 */
public final class HugeReplyClient {
    static final int CALLS = 6;

    private HugeReplyClient() {
    }

    public static void main(String[] args) {
        URI huge = URI.create(args[0]);
        for (int call = 0; call < CALLS; call++) {
            URI target = URI.create(huge + (call % 2 == 0 ? "?chunked" : "?declared"));
            try {
                BlockingHttp.Reply reply = BlockingHttp.send(target, "GET", Map.of(), new byte[0], Duration.ofSeconds(1),
                        Duration.ofSeconds(30));
                System.out.println("read " + reply.body().length + " bytes");
            } catch (IOException e) {
                System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }
}

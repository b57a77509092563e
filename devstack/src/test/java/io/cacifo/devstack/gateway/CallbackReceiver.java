package io.cacifo.devstack.gateway;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Where async calls report back in the tests: records each callback's headers and body. */
final class CallbackReceiver implements AutoCloseable {
    static final class Callback {
        final Map<String, String> headers;
        final String body;

        Callback(Map<String, String> headers, String body) {
            this.headers = headers;
            this.body = body;
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Callback> callbacks = new LinkedBlockingQueue<>();

    CallbackReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/done", exchange -> {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            callbacks.add(new Callback(headers, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/done");
    }

    Callback next() throws InterruptedException {
        Callback callback = callbacks.poll(10, TimeUnit.SECONDS);
        if (callback == null) {
            throw new AssertionError("no callback arrived within 10 s");
        }
        return callback;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

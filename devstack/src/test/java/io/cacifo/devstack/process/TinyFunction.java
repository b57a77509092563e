package io.cacifo.devstack.process;

import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A function process for the devstack's own tests, quicker to start than a real one: waits
 * {@code startDelayMs} (a JVM loading its classes), then listens on {@code port}. {@code GET /health}
 * answers 200; {@code POST /exit?code=N} answers 200 and then exits with status N.
 * Usage: {@code TinyFunction <port> <startDelayMs>}.
 */
public final class TinyFunction {
    private TinyFunction() {
    }

    public static void main(String[] args) throws Exception {
        Thread.sleep(Long.parseLong(args[1]));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 16);
        server.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            if (exchange.getRequestURI().getPath().equals("/exit") && query != null && query.startsWith("code=")) {
                System.exit(Integer.parseInt(query.substring(5)));
            }
        });
        server.start();
    }
}

package com.openfaas.entrypoint;

import com.openfaas.model.AbstractHandler;
import com.openfaas.model.IRequest;
import com.openfaas.model.IResponse;
import com.openfaas.model.Response;

/**
 * The handler {@link EntrypointProcessTest}'s child JVMs load through META-INF/services, as a
 * function's is loaded. How it starts comes from the system property {@code child.start}
 * ({@code slow}: one second, as a handler making its DB pool; {@code throw}: its constructor fails),
 * what a call does from {@code ?action=} ({@code exit}, {@code kill-server}, {@code slow}, else echo).
 */
public final class ChildHandler extends AbstractHandler {
    static final long START_MS = 1000;
    static final long SLOW_CALL_MS = 1000;

    public ChildHandler() throws InterruptedException {
        String start = System.getProperty("child.start", "");
        System.out.println("[child] handler loading");
        if (start.equals("slow")) {
            Thread.sleep(START_MS);
        } else if (start.equals("throw")) {
            throw new IllegalStateException("missing secret db-password");
        }
        System.out.println("[child] handler loaded");
    }

    @Override
    public IResponse Handle(IRequest request) {
        String query = request.getQueryRaw() == null ? "" : request.getQueryRaw();
        if (query.equals("action=exit")) {
            System.exit(0);
        } else if (query.equals("action=kill-server")) {
            killDispatcher();
        } else if (query.equals("action=slow")) {
            try {
                Thread.sleep(SLOW_CALL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        Response response = new Response();
        response.setStatusCode(200);
        response.setContentType("application/json");
        response.setBody("{\"answered\":\"" + query + "\"}");
        return response;
    }

    /** The JDK server's one non-daemon thread dies, as an Error escaping its loop would end it. */
    @SuppressWarnings({"deprecation", "removal"})
    private static void killDispatcher() {
        Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("HTTP-Dispatcher"))
                .forEach(Thread::stop);
    }
}

package io.cacifo.simulator;

import io.cacifo.kit.testing.FakeHttpServer;
import io.cacifo.kit.testing.FakeHttpServer.Answerer;
import io.cacifo.kit.testing.FakeHttpServer.Reply;
import io.cacifo.kit.testing.FakeHttpServer.Request;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The OpenFaaS gateway as the simulator calls it: answers {@code /function/<name>} with what a test
 * set for that function (404 for any other path), and records every call it got.
 */
final class FakeGateway implements AutoCloseable {
    private final Map<String, Answerer> answers = new ConcurrentHashMap<>();
    private final FakeHttpServer server = FakeHttpServer.start("fake-gateway", call -> answers
            .getOrDefault(call.path, unknown -> Reply.of(404, "text/plain", "Not Found")).answer(call));

    String url() {
        return server.url().toString();
    }

    FakeGateway answer(String function, Answerer answer) {
        answers.put("/function/" + function, answer);
        return this;
    }

    /** Every call, in arrival order. */
    List<Request> calls() {
        return server.requests();
    }

    List<Request> callsTo(String function) {
        return calls().stream().filter(call -> call.path.equals("/function/" + function)).collect(Collectors.toList());
    }

    @Override
    public void close() {
        server.close();
    }
}

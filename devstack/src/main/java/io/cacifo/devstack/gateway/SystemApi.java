package io.cacifo.devstack.gateway;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import io.cacifo.devstack.http.Exchanges;
import io.cacifo.kit.json.Json;

import java.io.IOException;
import java.util.Optional;

/**
 * The gateway's {@code /system/functions} and {@code /system/function/<name>}, read-only and in
 * OpenFaaS's JSON shape (camelCase, as faas-cli and the dashboard expect), behind basic auth.
 * Deploying is stack.yaml's job here, so other methods get 405. {@code /system/secrets} is
 * {@link SecretsApi}.
 */
final class SystemApi {
    private static final String LIST = "/system/functions";
    private static final String ONE = "/system/function/";

    private final FunctionDirectory directory;
    private final GatewayMetrics metrics;
    private final BasicAuth auth;
    private final SecretsApi secrets;

    SystemApi(FunctionDirectory directory, GatewayMetrics metrics, BasicAuth auth, SecretsFolder secrets) {
        this.directory = directory;
        this.metrics = metrics;
        this.auth = auth;
        this.secrets = new SecretsApi(secrets);
    }

    void handle(HttpExchange exchange) throws IOException {
        if (!auth.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", BasicAuth.CHALLENGE);
            Exchanges.text(exchange, 401, "Unauthorized\n");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (path.equals(SecretsApi.PATH) || path.equals(SecretsApi.PATH + "/")) {
            secrets.handle(exchange);
            return;
        }
        boolean list = path.equals(LIST) || path.equals(LIST + "/");
        boolean one = path.startsWith(ONE) && path.length() > ONE.length();
        if (!list && !one) {
            Exchanges.text(exchange, 404, "404 page not found\n");
            return;
        }
        if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "GET");
            Exchanges.text(exchange, 405, "the devstack deploys what stack.yaml lists; only GET is served here\n");
            return;
        }
        if (list) {
            JsonArray functions = new JsonArray();
            directory.all().forEach(function -> functions.add(describe(function)));
            Exchanges.json(exchange, 200, Json.write(functions));
            return;
        }
        String name = path.substring(ONE.length());
        Optional<FunctionEndpoint> function = directory.find(name);
        if (function.isEmpty()) {
            FunctionReply notFound = FunctionProxy.notFound(name);
            Exchanges.send(exchange, 404, notFound.contentType(), notFound.body());
            return;
        }
        Exchanges.json(exchange, 200, Json.write(describe(function.get())));
    }

    private JsonObject describe(FunctionEndpoint function) {
        JsonObject json = new JsonObject();
        json.addProperty("name", function.name());
        json.addProperty("image", function.image());
        json.addProperty("namespace", FunctionDirectory.NAMESPACE);
        json.addProperty("invocationCount", metrics.invocations(function.name()));
        // faasd reports its one task's state in both (function_get.go): 1 while running, 0 when stopped.
        int replicas = function.task().replicas();
        json.addProperty("replicas", replicas);
        json.addProperty("availableReplicas", replicas);
        json.addProperty("envProcess", "");
        json.add("labels", new JsonObject());
        JsonObject annotations = new JsonObject();
        function.annotations().forEach(annotations::addProperty);
        json.add("annotations", annotations);
        return json;
    }
}

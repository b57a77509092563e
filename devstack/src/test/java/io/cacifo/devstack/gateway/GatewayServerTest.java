package io.cacifo.devstack.gateway;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cacifo.kit.testing.FakeHttpServer;
import io.cacifo.kit.testing.FakeHttpServer.Reply;
import io.cacifo.kit.testing.FakeHttpServer.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway over real HTTP, in front of a fake function, a function that is gone and a slow one. */
class GatewayServerTest {
    private static final String PASSWORD = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** A function process: records each request it gets and answers 418 "pong", after a pause for paths starting with /slow. */
    private FakeHttpServer function;
    private GatewayServer gateway;

    @BeforeEach
    void start() throws IOException {
        function = FakeHttpServer.start("fake-function", request -> {
            if (request.path.startsWith("/slow")) {
                Thread.sleep(1500);
            }
            return Reply.of(418, "text/x-pong", "pong").with("X-Reply", "yes");
        });
        FunctionDirectory directory = new FunctionDirectory();
        directory.register(new FunctionEndpoint("echo", "ghcr.io/cacifo/echo:0.1.0", function.port(),
                Duration.ofSeconds(10), Map.of("topic", "cron-function"), FunctionTask.fixed(1)));
        directory.register(new FunctionEndpoint("gone", "ghcr.io/cacifo/gone:0.1.0", closedPort(),
                Duration.ofSeconds(10), Map.of(), FunctionTask.fixed(0)));
        directory.register(new FunctionEndpoint("slow", "ghcr.io/cacifo/slow:0.1.0", function.port(),
                Duration.ofMillis(300), Map.of(), FunctionTask.fixed(1)));
        gateway = GatewayServer.start(0, directory, PASSWORD);
    }

    @AfterEach
    void stop() {
        gateway.close();
        function.close();
    }

    /** Where async calls report back: records each callback's headers and body. */
    private static FakeHttpServer callbacks() {
        return FakeHttpServer.start("callbacks", request -> Reply.empty(204));
    }

    private Request received() throws InterruptedException {
        return function.next(Duration.ofSeconds(5));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(gateway.url() + pathAndQuery)).timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String pathAndQuery, String body) throws IOException, InterruptedException {
        return send(request(pathAndQuery).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send(request(pathAndQuery).GET());
    }

    @Test
    void a_call_reaches_the_function_with_its_path_query_headers_and_body() throws Exception {
        HttpResponse<String> reply = send(request("/function/echo/sub/path?action=insert&name=a%20b")
                .header("X-Test", "hello").header("X-Cacifo-Signature", "abc")
                .POST(HttpRequest.BodyPublishers.ofString("{\"ping\":1}")));

        Request received = received();
        assertEquals("POST", received.method);
        assertEquals("/sub/path", received.path);
        assertEquals("action=insert&name=a%20b", received.query);
        assertEquals("hello", received.headers.get("X-Test"));
        assertEquals("abc", received.headers.get("X-Cacifo-Signature"));
        assertEquals("{\"ping\":1}", received.body);
        assertEquals(418, reply.statusCode());
        assertEquals("pong", reply.body());
        assertEquals("yes", reply.headers().firstValue("X-Reply").orElse(""));
        assertEquals("text/x-pong", reply.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void a_call_without_a_sub_path_reaches_the_function_s_root() throws Exception {
        get("/function/echo");

        Request received = received();
        assertEquals("GET", received.method);
        assertEquals("/", received.path);
        assertNull(received.query);
    }

    @Test
    void a_function_may_be_named_with_its_namespace() throws Exception {
        HttpResponse<String> reply = post("/function/echo.openfaas-fn?action=get", "{}");

        assertEquals(418, reply.statusCode(), reply.body());
        assertEquals("action=get", received().query);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "POST | /function/nope            | 404 | error finding function nope.openfaas-fn: not found",
        "GET  | /function/nope/x?y=1      | 404 | error finding function nope.openfaas-fn: not found",
        "POST | /function/                | 404 | error finding function .openfaas-fn: not found",
        "POST | /function/slow/slow       | 504 | Timed out after 300 ms waiting for: slow.openfaas-fn",
        "GET  | /nothing-here             | 404 | 404 page not found",
    })
    void a_call_the_gateway_cannot_complete_gets_faasd_s_text_reply(String method, String path, int status, String text)
            throws Exception {
        HttpResponse<String> reply = send(request(path).method(method, HttpRequest.BodyPublishers.ofString("{}")));

        assertEquals(status, reply.statusCode(), reply.body());
        // Go's http.NotFound, which the gateway imitates for unknown routes, ends its text with a newline.
        assertEquals(text, reply.body().endsWith("\n") ? reply.body().substring(0, reply.body().length() - 1) : reply.body());
        assertTrue(reply.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), reply.headers().toString());
    }

    @Test
    void an_async_call_is_accepted_at_once_and_its_reply_posted_to_the_callback() throws Exception {
        try (FakeHttpServer callbacks = callbacks()) {
            HttpResponse<String> accepted = send(request("/async-function/echo/later?action=sync")
                    .header("X-Callback-Url", callbacks.url() + "/done")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")));

            assertEquals(202, accepted.statusCode(), accepted.body());
            String callId = accepted.headers().firstValue("X-Call-Id").orElseThrow();
            assertTrue(callId.matches("[0-9a-f-]{36}"), callId);
            Request received = received();
            assertEquals("/later", received.path);
            assertEquals("action=sync", received.query);
            assertEquals("{\"a\":1}", received.body);
            assertEquals(callId, received.headers.get("X-Call-Id"));
            Request callback = callbacks.next(Duration.ofSeconds(10));
            assertEquals(callId, callback.headers.get("X-Call-Id"));
            assertEquals("418", callback.headers.get("X-Function-Status"));
            assertEquals("pong", callback.body);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/function/gone?action=get", "/function/gone/health"})
    void a_call_to_a_function_that_does_not_listen_gets_of_watchdog_s_empty_500(String path) throws Exception {
        HttpResponse<String> reply = send(request(path).POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertEquals(500, reply.statusCode(), reply.body());
        assertEquals("", reply.body());
        assertEquals("of-watchdog", reply.headers().firstValue("X-OpenFaaS-Internal").orElse(""), reply.headers().toString());
    }

    @Test
    void an_async_call_to_a_gone_function_reports_of_watchdog_s_500_to_the_callback() throws Exception {
        try (FakeHttpServer callbacks = callbacks()) {
            HttpResponse<String> accepted = send(request("/async-function/gone")
                    .header("X-Callback-Url", callbacks.url() + "/done").POST(HttpRequest.BodyPublishers.ofString("")));

            assertEquals(202, accepted.statusCode());
            Request callback = callbacks.next(Duration.ofSeconds(10));
            assertEquals("500", callback.headers.get("X-Function-Status"));
            assertEquals("", callback.body);
        }
    }

    @ParameterizedTest(name = "{0} with callback ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', value = {
        "/async-function/nope | http://127.0.0.1:1/x | 404",
        "/async-function/echo | not a url            | 400",
        "/async-function/echo | ftp://example.org/x  | 400",
        "/async-function/echo | /relative            | 400",
    })
    void an_async_call_that_cannot_be_run_is_refused_at_once(String path, String callback, int status) throws Exception {
        HttpResponse<String> reply = send(request(path).header("X-Callback-Url", callback)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertEquals(status, reply.statusCode(), reply.body());
        assertFalse(reply.headers().firstValue("X-Call-Id").isPresent());
        assertEquals(0, gateway.metrics().invocations("echo"), "nothing may reach the function");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no Authorization header  | ",
        "wrong password           | Basic YWRtaW46d3Jvbmc=",
        "wrong user               | Basic cm9vdDowMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVm",
        "not base64               | Basic %%%",
        "another scheme           | Bearer 0123456789abcdef",
    })
    void the_system_api_refuses_a_caller_without_the_admin_password(String why, String authorization) throws Exception {
        HttpRequest.Builder request = request("/system/functions").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }

        HttpResponse<String> reply = send(request);

        assertEquals(401, reply.statusCode(), reply.body());
        assertEquals(BasicAuth.CHALLENGE, reply.headers().firstValue("WWW-Authenticate").orElse(""));
        assertFalse(reply.body().contains("echo"), reply.body());
    }

    @Test
    void the_system_api_lists_the_functions_as_openfaas_does() throws Exception {
        post("/function/echo", "{}");

        HttpResponse<String> reply = send(request("/system/functions").GET()
                .header("Authorization", BasicAuth.header("admin", PASSWORD)));

        assertEquals(200, reply.statusCode(), reply.body());
        JsonArray list = JsonParser.parseString(reply.body()).getAsJsonArray();
        assertEquals(3, list.size(), reply.body());
        JsonObject echo = list.get(0).getAsJsonObject();
        assertEquals("echo", echo.get("name").getAsString());
        assertEquals("ghcr.io/cacifo/echo:0.1.0", echo.get("image").getAsString());
        assertEquals("openfaas-fn", echo.get("namespace").getAsString());
        assertEquals(1, echo.get("invocationCount").getAsLong());
        assertEquals(1, echo.get("replicas").getAsInt());
        assertEquals(1, echo.get("availableReplicas").getAsInt());
        assertEquals("", echo.get("envProcess").getAsString());
        assertEquals(new JsonObject(), echo.get("labels"));
        assertEquals("cron-function", echo.getAsJsonObject("annotations").get("topic").getAsString());
        JsonObject gone = list.get(1).getAsJsonObject();
        assertEquals("gone", gone.get("name").getAsString());
        assertEquals(0, gone.get("availableReplicas").getAsInt());
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "GET, /system/function/echo, 200",
        "GET, /system/function/echo.openfaas-fn, 200",
        "GET, /system/function/nope, 404",
        "POST, /system/functions, 405",
        "DELETE, /system/secrets, 405",
    })
    void the_system_api_answers_one_function_and_refuses_what_it_does_not_serve(String method, String path, int status)
            throws Exception {
        HttpResponse<String> reply = send(request(path).method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", BasicAuth.header("admin", PASSWORD)));

        assertEquals(status, reply.statusCode(), reply.body());
        if (status == 200) {
            assertEquals("echo", JsonParser.parseString(reply.body()).getAsJsonObject().get("name").getAsString());
        }
    }

    @Test
    void healthz_answers_ok() throws Exception {
        HttpResponse<String> reply = get("/healthz");

        assertEquals(200, reply.statusCode());
        assertEquals("OK", reply.body());
    }

    @Test
    void metrics_count_every_call_by_function_and_status_in_openfaas_names() throws Exception {
        post("/function/echo?action=a", "{}");
        get("/function/echo/x");
        post("/function/gone", "{}");
        post("/function/nope", "{}");
        try (FakeHttpServer callbacks = callbacks()) {
            send(request("/async-function/echo").header("X-Callback-Url", callbacks.url() + "/done")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")));
            callbacks.next(Duration.ofSeconds(10));
        }

        HttpResponse<String> reply = get("/metrics");

        assertEquals(200, reply.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", reply.headers().firstValue("Content-Type").orElse(""));
        String text = reply.body();
        for (String line : new String[] {
            "# HELP gateway_function_invocation_total ",
            "# TYPE gateway_function_invocation_total counter",
            "gateway_function_invocation_total{function_name=\"echo.openfaas-fn\",code=\"418\"} 3",
            "gateway_function_invocation_total{function_name=\"gone.openfaas-fn\",code=\"500\"} 1",
            "gateway_function_invocation_total{function_name=\"nope.openfaas-fn\",code=\"404\"} 1",
            "# HELP gateway_functions_seconds ",
            "# TYPE gateway_functions_seconds histogram",
            "gateway_functions_seconds_bucket{function_name=\"echo.openfaas-fn\",code=\"418\",le=\"+Inf\"} 3",
            "gateway_functions_seconds_count{function_name=\"echo.openfaas-fn\",code=\"418\"} 3",
            "gateway_functions_seconds_sum{function_name=\"echo.openfaas-fn\",code=\"418\"} ",
            "# HELP gateway_service_count ",
            "# TYPE gateway_service_count gauge",
            "gateway_service_count{function_name=\"echo.openfaas-fn\"} 1",
            "gateway_service_count{function_name=\"gone.openfaas-fn\"} 0",
        }) {
            assertTrue(text.contains(line), "expected a line starting\n" + line + "\ngot\n" + text);
        }
        for (String le : new String[] {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"}) {
            assertTrue(text.contains("gateway_functions_seconds_bucket{function_name=\"echo.openfaas-fn\",code=\"418\",le=\""
                    + le + "\"} "), "bucket " + le + " missing in\n" + text);
        }
    }

    @Test
    void secrets_are_written_as_faas_cli_writes_them_and_never_shown() throws Exception {
        Map<String, String> written = new ConcurrentHashMap<>();
        SecretsFolder folder = new SecretsFolder() {
            @Override
            public List<String> names() {
                return List.of("internal-hmac-key", "backend-public-keys");
            }

            @Override
            public void write(String name, String value) {
                if (!names().contains(name)) {
                    throw new IllegalArgumentException(name);
                }
                written.put(name, value);
            }
        };
        GatewayServer withSecrets = GatewayServer.start(0, new FunctionDirectory(), PASSWORD, folder);
        try {
            BiFunction<String, String, HttpResponse<String>> call = (method, body) -> {
                try {
                    return send(HttpRequest.newBuilder(URI.create(withSecrets.url() + "/system/secrets"))
                            .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.ofString(body))
                            .header("Authorization", BasicAuth.header("admin", PASSWORD)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            String fromFile = Base64.getEncoder().encodeToString("new-key-from-a-file\n".getBytes(StandardCharsets.UTF_8));

            assertEquals(200, call.apply("POST", "{\"name\":\"internal-hmac-key\",\"value\":\"a-literal-key\"}").statusCode());
            assertEquals("a-literal-key", written.get("internal-hmac-key"));
            assertEquals(200, call.apply("PUT", "{\"name\":\"internal-hmac-key\",\"rawValue\":\"" + fromFile + "\"}").statusCode());
            assertEquals("new-key-from-a-file\n", written.get("internal-hmac-key"));
            HttpResponse<String> list = call.apply("GET", "");
            assertEquals("[{\"name\":\"internal-hmac-key\"},{\"name\":\"backend-public-keys\"}]", list.body());
            for (String bad : List.of("{\"name\":\"payment-key\",\"value\":\"x\"}", "{\"name\":\"internal-hmac-key\"}",
                    "{\"name\":\"internal-hmac-key\",\"value\":\" \"}", "{\"name\":\"internal-hmac-key\",\"rawValue\":\"%%\"}",
                    "{name:", "[]")) {
                HttpResponse<String> refused = call.apply("PUT", bad);
                assertEquals(400, refused.statusCode(), bad + " -> " + refused.body());
                assertTrue(refused.body().contains("\"error\""), refused.body());
            }
            assertEquals("new-key-from-a-file\n", written.get("internal-hmac-key"), "bad input changes nothing");
            assertEquals(401, send(HttpRequest.newBuilder(URI.create(withSecrets.url() + "/system/secrets"))
                    .timeout(Duration.ofSeconds(10)).PUT(HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\"internal-hmac-key\",\"value\":\"stolen\"}"))).statusCode());
            assertEquals("new-key-from-a-file\n", written.get("internal-hmac-key"));
        } finally {
            withSecrets.close();
        }
    }
}

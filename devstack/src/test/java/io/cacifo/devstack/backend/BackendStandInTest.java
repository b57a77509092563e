package io.cacifo.devstack.backend;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.ReplyVerifier;
import io.cacifo.kit.security.RequestSigner;
import io.cacifo.kit.security.SignedHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The back-end stand-in over real HTTP, with batches signed as the controller signs them. */
class BackendStandInTest {
    private static final String KEY = "11112222333344445555666677778888aaaabbbbccccddddeeeeffff00001111";
    private static final String OTHER_KEY = "99998888777766665555444433332222aaaabbbbccccddddeeeeffff00001111";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private BackendStandIn backend;

    @BeforeEach
    void start() {
        backend = BackendStandIn.start(0, KEY);
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    private static String batch(String... eventIds) {
        return "{\"locker_id\":\"locker-001\",\"events\":["
                + List.of(eventIds).stream().map(id -> "{\"event_id\":\"" + id + "\",\"type\":\"parcel.deposited\","
                        + "\"reservation_id\":7,\"door_id\":4,\"payload\":{},\"created_at\":\"2026-11-26T15:04:05.123Z\"}")
                .collect(Collectors.joining(",")) + "]}";
    }

    private static Map<String, String> signed(String key, Clock clock, String body) {
        return new RequestSigner(new HmacKey(key), clock).headers("POST", "/events", "", body);
    }

    private HttpResponse<String> post(String body, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(backend.url() + "/events"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String body) throws IOException, InterruptedException {
        return post(body, signed(KEY, Clock.systemUTC(), body));
    }

    private HttpResponse<String> admin(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(backend.url() + path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private List<String> receivedIds() {
        return backend.events().stream().map(ReceivedEvent::eventId).collect(Collectors.toList());
    }

    @Test
    void a_signed_batch_is_accepted_and_kept_in_order() throws Exception {
        HttpResponse<String> reply = send(batch("e1", "e2"));

        assertEquals(200, reply.statusCode(), reply.body());
        assertEquals("{\"accepted\":[\"e1\",\"e2\"]}", reply.body());
        assertEquals(List.of("e1", "e2"), receivedIds());
        assertEquals("parcel.deposited", backend.events().get(0).type());
        assertEquals("locker-001", backend.events().get(0).lockerId());
        assertEquals("4", backend.events().get(0).text("door_id"));
    }

    @Test
    void each_answer_is_signed_with_the_back_end_key_for_the_batch_it_answers() throws Exception {
        String body = batch("e1", "e2");
        Map<String, String> request = signed(KEY, Clock.systemUTC(), body);

        HttpResponse<String> reply = post(body, request);

        assertEquals(200, reply.statusCode(), reply.body());
        ReplyVerifier locker = new ReplyVerifier(new HmacKey(KEY));
        assertEquals(Optional.empty(), locker.refusal(request.get(SignedHeaders.NONCE), body.getBytes(StandardCharsets.UTF_8),
                reply.headers().map(), reply.body().getBytes(StandardCharsets.UTF_8)), reply.headers().map().toString());
        assertEquals(Optional.of("the reply's signature does not match this request and reply"),
                locker.refusal("00112233445566778899aabbccddeeff", body.getBytes(StandardCharsets.UTF_8),
                        reply.headers().map(), reply.body().getBytes(StandardCharsets.UTF_8)),
                "the answer holds for its own request only");
    }

    @Test
    void get_events_lists_what_arrived_and_the_duplicates() throws Exception {
        send(batch("e1"));
        send(batch("e1", "e2"));

        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(backend.url() + "/events")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, reply.statusCode());
        JsonObject json = JsonParser.parseString(reply.body()).getAsJsonObject();
        assertEquals(2, json.getAsJsonArray("events").size(), reply.body());
        assertEquals("e2", json.getAsJsonArray("events").get(1).getAsJsonObject().get("event_id").getAsString());
        assertEquals("locker-001", json.getAsJsonArray("events").get(0).getAsJsonObject().get("locker_id").getAsString());
        assertEquals(1, json.get("duplicates").getAsLong());
    }

    @Test
    void a_repeated_event_is_acknowledged_again_but_stored_once() throws Exception {
        send(batch("e1", "e2"));

        HttpResponse<String> again = send(batch("e2", "e3"));

        assertEquals(200, again.statusCode(), again.body());
        assertEquals("{\"accepted\":[\"e2\",\"e3\"]}", again.body());
        assertEquals(List.of("e1", "e2", "e3"), receivedIds());
        assertEquals(1, backend.duplicates());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"unsigned", "another locker's key", "body changed after signing", "stale timestamp",
        "signed for another path", "replayed"})
    void a_batch_without_a_valid_signature_is_refused_and_changes_nothing(String why) throws Exception {
        send(batch("before"));
        String body = batch("forged");
        Map<String, String> headers;
        switch (why) {
            case "unsigned":
                headers = Map.of();
                break;
            case "another locker's key":
                headers = signed(OTHER_KEY, Clock.systemUTC(), body);
                break;
            case "body changed after signing":
                headers = signed(KEY, Clock.systemUTC(), batch("harmless"));
                break;
            case "stale timestamp":
                headers = signed(KEY, Clock.fixed(Instant.now().minusSeconds(120), ZoneOffset.UTC), body);
                break;
            case "signed for another path":
                headers = new RequestSigner(new HmacKey(KEY), Clock.systemUTC()).headers("POST", "/function/controller", "", body);
                break;
            default:
                headers = signed(KEY, Clock.systemUTC(), batch("before"));
                body = batch("before");
                assertEquals(200, post(body, headers).statusCode(), "the first use of a signature is fine");
                break;
        }

        HttpResponse<String> reply = post(body, headers);

        assertEquals(401, reply.statusCode(), reply.body());
        assertEquals("unauthorized", JsonParser.parseString(reply.body()).getAsJsonObject().get("error").getAsString());
        assertEquals(List.of("before"), receivedIds(), "nothing stored");
        assertEquals(why.equals("replayed") ? 1 : 0, backend.duplicates());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"not json", "[]", "{\"events\":[]}", "{\"locker_id\":\"l\"}",
        "{\"locker_id\":\"l\",\"events\":[{\"event_id\":\"ok\"},{\"type\":\"no id\"}]}",
        "{\"locker_id\":\"l\",\"events\":[{\"event_id\":5}]}"})
    void a_signed_but_malformed_batch_is_refused_whole(String body) throws Exception {
        HttpResponse<String> reply = send(body);

        assertEquals(400, reply.statusCode(), reply.body());
        assertTrue(JsonParser.parseString(reply.body()).getAsJsonObject().has("error"), reply.body());
        assertEquals(List.of(), receivedIds());
    }

    @Test
    void while_down_it_answers_503_and_stores_nothing_then_accepts_again_when_up() throws Exception {
        HttpResponse<String> switched = admin("/admin/down");
        assertEquals(200, switched.statusCode());

        HttpResponse<String> refused = send(batch("e1"));

        assertEquals(503, refused.statusCode(), refused.body());
        assertEquals(List.of(), receivedIds());
        assertEquals(200, admin("/admin/up").statusCode());
        HttpResponse<String> accepted = send(batch("e1"));
        assertEquals(200, accepted.statusCode(), accepted.body());
        assertEquals(List.of("e1"), receivedIds());
    }

    @Test
    void the_java_switch_and_the_admin_route_are_the_same_switch() throws Exception {
        backend.down();
        assertEquals(503, send(batch("e1")).statusCode());

        backend.up();

        assertEquals(200, send(batch("e1")).statusCode());
        assertEquals(List.of("e1"), receivedIds());
    }

    @Test
    void the_page_lists_events_with_their_text_escaped() throws Exception {
        String body = "{\"locker_id\":\"locker-001\",\"events\":[{\"event_id\":\"e-1\",\"type\":\"<script>alert(1)</script>\"}]}";
        send(body);

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(backend.url() + "/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), page.body());
        assertTrue(!page.body().contains("<script>"), page.body());
        assertTrue(page.body().contains("http-equiv=\"refresh\""), page.body());
    }

    /** A notification as Alertmanager 0.25's webhook sends it (version 4), trimmed to one alert. */
    private static final String NOTIFICATION = "{\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"DoorLeftOpen\\\"}\","
            + "\"truncatedAlerts\":0,\"status\":\"firing\",\"receiver\":\"operators\","
            + "\"groupLabels\":{\"alertname\":\"DoorLeftOpen\",\"locker\":\"locker-001\"},"
            + "\"commonLabels\":{},\"commonAnnotations\":{},\"externalURL\":\"http://127.0.0.1:9093\","
            + "\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"DoorLeftOpen\",\"locker\":\"locker-001\","
            + "\"severity\":\"page\",\"function\":\"door-manager\"},\"annotations\":{\"summary\":\"locker-001: 1 door(s) left open <b>\"},"
            + "\"startsAt\":\"2026-12-02T13:40:00.000Z\",\"endsAt\":\"0001-01-01T00:00:00Z\","
            + "\"generatorURL\":\"http://127.0.0.1:9091/graph\",\"fingerprint\":\"5e1a6c3b2d9f0a11\"}]}";

    private HttpResponse<String> postAlerts(String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(backend.url() + "/alerts")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void an_alertmanager_notification_is_listed_by_get_alerts_and_on_the_page_escaped() throws Exception {
        HttpResponse<String> posted = postAlerts(NOTIFICATION);

        assertEquals(200, posted.statusCode(), posted.body());
        assertEquals(List.of("firing DoorLeftOpen locker-001 (locker-001: 1 door(s) left open <b>)"),
                backend.alerts().stream().map(ReceivedAlert::toString).collect(Collectors.toList()));
        assertEquals("page", backend.alerts().get(0).severity());
        assertEquals("2026-12-02T13:40:00.000Z", backend.alerts().get(0).startsAt());
        HttpResponse<String> listed = http.send(HttpRequest.newBuilder(URI.create(backend.url() + "/alerts")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonObject first = JsonParser.parseString(listed.body()).getAsJsonObject().getAsJsonArray("alerts").get(0).getAsJsonObject();
        assertEquals("DoorLeftOpen", first.get("alertname").getAsString());
        assertEquals("firing", first.get("status").getAsString());
        String page = http.send(HttpRequest.newBuilder(URI.create(backend.url() + "/")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(page.contains("<td>DoorLeftOpen</td><td>locker-001</td><td>page</td><td>locker-001: 1 door(s) left open &lt;b&gt;</td>"),
                page);
    }

    @Test
    void a_resolved_notification_is_listed_after_the_firing_one() throws Exception {
        postAlerts(NOTIFICATION);

        postAlerts(NOTIFICATION.replace("\"firing\"", "\"resolved\""));

        assertEquals(List.of("firing", "resolved"), backend.alerts().stream().map(ReceivedAlert::status).collect(Collectors.toList()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "{\"alerts\":3}", "{\"alerts\":[7]}",
            "{\"alerts\":[{\"status\":\"firing\",\"labels\":{}}]}", "{\"alerts\":[{\"status\":\"odd\",\"labels\":{\"alertname\":\"A\"}}]}",
            "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"}},{\"status\":\"firing\"}]}"})
    void a_body_that_is_not_a_webhook_notification_is_refused_with_400_and_stores_nothing(String body) throws Exception {
        HttpResponse<String> refused = postAlerts(body);

        assertEquals(400, refused.statusCode(), refused.body());
        JsonObject error = JsonParser.parseString(refused.body()).getAsJsonObject();
        assertTrue(error.has("error") && error.has("message"), refused.body());
        assertEquals(List.of(), backend.alerts());
    }
}

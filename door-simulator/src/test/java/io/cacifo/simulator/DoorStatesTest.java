package io.cacifo.simulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.http.GatewayClient;
import io.cacifo.kit.security.RequestSigner;
import io.cacifo.simulator.gateway.DoorStates;
import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.HmacVerifier;
import io.cacifo.kit.testing.FakeHttpServer.Reply;
import io.cacifo.kit.testing.FakeHttpServer.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page's door states come from door-manager's signed list, and turn UNKNOWN when that fails. */
class DoorStatesTest {
    private static final String KEY = "test-internal-hmac-key-0123456789abcdef";
    private static final String DOORS = "{\"doors\":["
            + "{\"id\":1,\"size\":\"SMALL\",\"partner_id\":null,\"state\":\"FREE\"},"
            + "{\"id\":2,\"size\":\"SMALL\",\"partner_id\":null,\"state\":\"OCCUPIED\"},"
            + "{\"id\":3,\"size\":\"MEDIUM\",\"partner_id\":null,\"state\":\"OUT_OF_SERVICE\"},"
            + "{\"id\":4,\"size\":\"MEDIUM\",\"partner_id\":null,\"state\":\"SOMETHING_NEW\"}]}";

    @TempDir
    Path secrets;
    private FakeGateway gateway;
    private final HmacVerifier verifier = new HmacVerifier("", List.of(new HmacKey(KEY)), Clock.systemUTC(), 30);

    @BeforeEach
    void startGateway() {
        gateway = new FakeGateway();
    }

    @AfterEach
    void stopGateway() {
        gateway.close();
    }

    private RunningSimulator simulatorWithKey() throws IOException {
        Files.writeString(secrets.resolve("internal-hmac-key"), KEY + "\n");
        return RunningSimulator.start(secrets, Map.of("gateway_url", gateway.url()));
    }

    /** door-manager as faasd runs it: a call without a valid signature is a 401. */
    private Reply signedOnly(Request call, Reply reply) {
        try {
            verifier.verify(call.method, call.path, call.query, call.headers, call.body);
            return reply;
        } catch (ApiException e) {
            return Reply.json(401, "{\"error\":\"unauthorized\",\"message\":\"unsigned\"}");
        }
    }

    @Test
    void each_door_shows_the_state_door_manager_lists_for_it() throws IOException {
        gateway.answer("door-manager", call -> signedOnly(call, Reply.json(200, DOORS)));
        try (RunningSimulator simulator = simulatorWithKey()) {
            simulator.post("/board/doors/1/open");

            HttpReply state = simulator.get("/ui/state");

            assertEquals(200, state.status, state.toString());
            assertEquals("DOOR_MANAGER", state.text("states_from"), state.toString());
            assertEquals(Map.of(1, "FREE", 2, "OCCUPIED", 3, "OUT_OF_SERVICE", 4, "UNKNOWN", 5, "UNKNOWN", 6, "UNKNOWN"),
                    states(state), "a state door-manager does not define, or a door it does not list, is UNKNOWN");
            JsonObject first = state.json().getAsJsonArray("doors").get(0).getAsJsonObject();
            assertEquals("{\"id\":1,\"size\":\"SMALL\",\"open\":true,\"occupied\":false,\"state\":\"FREE\",\"jammed\":false,\"signals\":0}", first.toString());
            assertEquals(0, state.json().get("auto_close_ms").getAsLong());
            Request list = gateway.callsTo("door-manager").get(0);
            assertEquals("action=list", list.query);
            assertEquals(500, JsonParser.parseString(list.body).getAsJsonObject().get("limit").getAsInt());
        }
    }

    @Test
    void a_page_polling_every_second_costs_door_manager_at_most_one_list_a_second() throws IOException {
        gateway.answer("door-manager", call -> signedOnly(call, Reply.json(200, DOORS)));
        try (RunningSimulator simulator = simulatorWithKey()) {
            for (int i = 0; i < 5; i++) {
                assertEquals(200, simulator.get("/ui/state").status);
            }

            assertEquals(1, gateway.callsTo("door-manager").size(), gateway.calls().toString());
        }
    }

    @Test
    void a_door_manager_failure_shows_every_door_unknown_and_the_board_still_works() throws IOException {
        gateway.answer("door-manager", call -> Reply.json(500, "{\"error\":\"internal\",\"message\":\"x\"}"));
        try (RunningSimulator simulator = simulatorWithKey()) {
            HttpReply state = simulator.get("/ui/state");

            assertEquals(200, state.status, state.toString());
            assertEquals("UNAVAILABLE", state.text("states_from"));
            assertTrue(states(state).values().stream().allMatch("UNKNOWN"::equals), state.toString());
            assertEquals(200, simulator.post("/board/doors/2/open").status);
        }
    }

    @Test
    void without_a_signing_key_door_manager_is_never_called_and_every_door_is_unknown() {
        gateway.answer("door-manager", call -> signedOnly(call, Reply.json(200, DOORS)));
        try (RunningSimulator simulator = RunningSimulator.start(secrets, Map.of("gateway_url", gateway.url()))) {
            HttpReply state = simulator.get("/ui/state");

            assertEquals(200, state.status, state.toString());
            assertEquals("NO_KEY", state.text("states_from"));
            assertEquals(6, states(state).size(), state.toString());
            assertTrue(states(state).values().stream().allMatch("UNKNOWN"::equals), state.toString());
            assertTrue(gateway.calls().isEmpty(), gateway.calls().toString());
        }
    }

    @Test
    void the_states_are_asked_again_once_they_are_a_second_old() {
        gateway.answer("door-manager", call -> signedOnly(call, Reply.json(200, DOORS)));
        RequestSigner signer = new RequestSigner(new HmacKey(KEY), Clock.systemUTC());
        AtomicLong nanos = new AtomicLong();
        DoorStates states = new DoorStates(Optional.of(new GatewayClient(URI.create(gateway.url()), signer,
                Duration.ofSeconds(5))), nanos::get);

        assertEquals("OUT_OF_SERVICE", states.current().of(3));
        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        states.current();
        assertEquals(1, gateway.callsTo("door-manager").size(), "asked again within the second");
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        states.current();
        assertEquals(2, gateway.callsTo("door-manager").size(), "not asked again after the second");
    }

    private static Map<Integer, String> states(HttpReply state) {
        Map<Integer, String> states = new LinkedHashMap<>();
        for (JsonElement door : state.json().getAsJsonArray("doors")) {
            states.put(door.getAsJsonObject().get("id").getAsInt(), door.getAsJsonObject().get("state").getAsString());
        }
        return states;
    }
}

package io.cacifo.e2e.hostile;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cacifo.devstack.DevStack;
import io.cacifo.devstack.DevStackSettings;
import io.cacifo.devstack.Main;
import io.cacifo.e2e.Locker;
import io.cacifo.e2e.hostile.RawHttp.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every function and action of docs/api.md, attacked through the devstack's real gateway and
 * processes with the table in {@link HostileCases}: each request gets exactly the status and JSON
 * error its case names (a 4xx, never a 5xx, never a stack trace; a 200 only where the action reads
 * no body), and the database stays exactly as the demo data left it: no forged, stale, replayed or
 * misdirected signature gets anything done, and no input does anything but its error. A query that
 * is not valid URL encoding never reaches a function. Afterwards every door of the lock board is
 * still closed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {
    private static final AtomicInteger TRIED = new AtomicInteger();
    private static final Pattern STACK_FRAME = Pattern.compile("\\bat [a-z][\\w$]*(\\.[\\w$<>]+)+\\(");
    private static final Map<String, Integer> BY_FUNCTION = new TreeMap<>();
    private static DevStack stack;
    private static Locker locker;
    private static HostileSender sender;
    private static String untouched;

    @BeforeAll
    static void start() throws Exception {
        stack = DevStack.start(DevStackSettings.forTests(Main.repoRoot(Path.of("").toAbsolutePath())));
        assertEquals(List.of(), stack.skippedFunctions(), "every function must be built and running");
        assertEquals(3, stack.demoParcels().size(), "the table assumes the demo data");
        locker = new Locker(stack);
        sender = new HostileSender(stack);
        untouched = locker.dump();
    }

    @AfterAll
    static void stop() {
        System.out.println("[hostile] " + TRIED.get() + " hostile cases tried through the gateway, by function: " + BY_FUNCTION);
        if (stack != null) {
            stack.close();
        }
    }

    static Stream<HostileCase> cases() {
        return HostileCases.all().stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    @Order(1)
    void a_hostile_request_gets_its_4xx_error_and_changes_nothing(HostileCase hostile) throws Exception {
        Answer answer = sender.send(hostile);
        TRIED.incrementAndGet();
        synchronized (BY_FUNCTION) {
            BY_FUNCTION.merge(hostile.function, 1, Integer::sum);
        }

        assertTrue(answer.status < 500, "never a 5xx: " + answer);
        assertEquals(hostile.status, answer.status, answer.toString());
        assertTrue(answer.headers.getOrDefault("Content-Type", "").startsWith("application/json"), answer.toString());
        JsonObject json = JsonParser.parseString(answer.body).getAsJsonObject();
        if (hostile.accepted()) {
            // The action's ordinary answer, the ignored body left no mark on it.
            assertFalse(json.has("error"), answer.toString());
        } else {
            assertEquals(hostile.error, text(json, "error"), answer.toString());
            assertFalse(text(json, "message").isBlank(), answer.toString());
            if ("screen-io".equals(hostile.function) && "action=enter".equals(hostile.query) && hostile.status == 400) {
                // What the touchscreen shows (in Portuguese, its default); unknown actions and methods never come from it.
                assertEquals("Código inválido", text(json, "display"), answer.toString());
            }
        }
        assertFalse(STACK_FRAME.matcher(answer.body).find() || answer.body.contains("Caused by"), "no stack trace: " + answer);
        assertEquals(untouched, locker.dump(), "the database must be exactly as before");
    }

    static Stream<String> functions() {
        return HostileCases.functions().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    @Order(2)
    void a_query_that_is_not_valid_url_encoding_is_refused_by_the_gateway_before_any_function(String function)
            throws Exception {
        // No body: the server that refuses the request line closes without reading one, and an unread
        // body turns that close into a reset that can swallow the 400 before the client reads it.
        Answer answer = RawHttp.send(stack.gatewayUrl(), "POST", "/function/" + function + "?action=%zz", Map.of(), new byte[0]);

        // The devstack's gateway refuses the request line itself, with an empty 400 (faasd's passes it
        // on, and the JDK server under the function's entrypoint refuses it there: FunctionServerTest).
        assertEquals(400, answer.status, answer.toString());
        assertEquals("", answer.body, answer.toString());
        assertEquals(untouched, locker.dump(), "the database must be exactly as before");
    }

    @Test
    @Order(3)
    void the_table_attacks_every_function_the_locker_deploys() {
        assertEquals(new java.util.TreeSet<>(stack.deployedFunctions()), new java.util.TreeSet<>(HostileCases.functions()));
    }

    @Test
    @Order(4)
    void afterwards_every_door_is_closed_and_the_parcels_are_as_the_demo_made_them() throws Exception {
        for (int door : stack.doorLayout().doors()) {
            assertFalse(locker.doorOpen(door), "door " + door + " was opened");
        }
        for (var parcel : stack.demoParcels()) {
            assertEquals("ARRIVING", locker.storedStatus(parcel.reservationId()));
        }
        assertEquals(untouched, locker.dump());
        assertEquals(HostileCases.COUNT, TRIED.get(), "every case of the table was sent");
    }

    private static String text(JsonObject json, String field) {
        JsonElement value = json.get(field);
        return value == null || value.isJsonNull() ? "" : value.getAsString();
    }
}

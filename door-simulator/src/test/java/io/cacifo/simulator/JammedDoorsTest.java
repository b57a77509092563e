package io.cacifo.simulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cacifo.kit.config.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A jammed lock: the page (or a test) jams a door, the board then refuses to open it and says so,
 * and the page sees each signalled opening so it can flash the door that opened.
 */
class JammedDoorsTest {
    @TempDir
    Path secrets;
    private RunningSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void a_jammed_door_does_not_open_and_the_board_says_it_is_jammed() {
        simulator = RunningSimulator.start(secrets, Map.of());

        HttpReply jammed = simulator.post("/ui/doors/4/jammed", "{\"jammed\":true}");
        HttpReply open = simulator.post("/board/doors/4/open", "{\"signal\":true}");

        assertEquals("{\"door\":4,\"jammed\":true}", jammed.body, jammed.toString());
        assertEquals(200, open.status, open.toString());
        assertEquals("{\"door\":4,\"open\":false,\"fault\":\"jammed\"}", open.body);
        assertEquals("{\"door\":4,\"open\":false,\"occupied\":false,\"fault\":\"jammed\"}",
                simulator.get("/board/doors/4").body);
        assertEquals(0, door(4).get("signals").getAsLong(), "a door that did not open must not flash");
        assertTrue(door(4).get("jammed").getAsBoolean());
    }

    @Test
    void a_freed_door_opens_again_and_reports_no_fault() {
        simulator = RunningSimulator.start(secrets, Map.of());
        simulator.post("/ui/doors/3/jammed", "{\"jammed\":true}");

        HttpReply freed = simulator.post("/ui/doors/3/jammed", "{\"jammed\":false}");
        HttpReply open = simulator.post("/board/doors/3/open", "{}");

        assertEquals("{\"door\":3,\"jammed\":false}", freed.body, freed.toString());
        assertEquals("{\"door\":3,\"open\":true}", open.body, open.toString());
        assertEquals("{\"door\":3,\"open\":true,\"occupied\":false,\"fault\":null}", simulator.get("/board/doors/3").body);
    }

    @Test
    void the_page_counts_each_signalled_opening_and_only_those() {
        simulator = RunningSimulator.start(secrets, Map.of());

        simulator.post("/board/doors/2/open", "{\"signal\":true}");
        simulator.post("/ui/doors/2/close");
        simulator.post("/board/doors/2/open", "{\"signal\":true}");
        simulator.post("/ui/doors/2/close");
        simulator.post("/board/doors/2/open");
        simulator.post("/board/doors/5/open", "{\"signal\":false}");

        assertEquals(2, door(2).get("signals").getAsLong());
        assertEquals(0, door(5).get("signals").getAsLong());
        assertFalse(door(2).get("jammed").getAsBoolean());
    }

    @Test
    void the_legacy_open_of_a_jammed_door_fails_with_resp_1() {
        simulator = RunningSimulator.start(secrets, Map.of());
        simulator.post("/ui/doors/5/jammed", "{\"jammed\":true}");

        HttpReply legacy = simulator.post("/api", "{\"mid\":201,\"data\":{\"door\":5}}");

        assertEquals(409, legacy.status, legacy.toString());
        assertEquals("door_jammed", legacy.text("error"));
        assertEquals(1, legacy.json().get("resp").getAsInt());
        assertFalse(simulator.get("/board/doors/5").flag("open"));
    }

    @Test
    void doors_named_in_sim_jammed_doors_are_jammed_from_the_start() {
        simulator = RunningSimulator.start(secrets, Map.of("SIM_JAMMED_DOORS", " 2, 6"));

        assertEquals("jammed", simulator.get("/board/doors/2").text("fault"));
        assertEquals("jammed", simulator.get("/board/doors/6").text("fault"));
        assertTrue(simulator.get("/board/doors/1").json().get("fault").isJsonNull());
        assertFalse(simulator.post("/board/doors/6/open").flag("open"));
    }

    @Test
    void sim_jammed_doors_naming_a_door_the_board_lacks_stops_the_start() {
        for (String bad : new String[] {"7", "0", "two", "1,,2", "-1"}) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> SimulatorSettings.from(
                    Config.of(Map.of("SIM_DOORS", RunningSimulator.LAYOUT, "SIM_JAMMED_DOORS", bad))));

            assertTrue(refused.getMessage().contains("SIM_JAMMED_DOORS"), refused.getMessage());
        }
    }

    private JsonObject door(int number) {
        for (JsonElement door : simulator.get("/ui/state").json().getAsJsonArray("doors")) {
            if (door.getAsJsonObject().get("id").getAsInt() == number) {
                return door.getAsJsonObject();
            }
        }
        throw new AssertionError("no door " + number + " in /ui/state");
    }
}

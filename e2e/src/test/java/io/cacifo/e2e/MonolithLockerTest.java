package io.cacifo.e2e;

import io.cacifo.devstack.DevStack;
import io.cacifo.devstack.DevStackSettings;
import io.cacifo.devstack.Main;
import io.cacifo.devstack.process.FunctionMode;
import io.cacifo.devstack.prometheus.PrometheusApi;
import io.cacifo.e2e.Locker.Parcel;
import io.cacifo.kit.http.BlockingHttp;
import io.cacifo.kit.http.GatewayClient;
import io.cacifo.kit.http.GatewayReply;
import io.cacifo.kit.json.Body;
import io.cacifo.kit.json.Json;
import io.cacifo.kit.security.HmacKey;
import io.cacifo.kit.security.RequestSigner;
import io.cacifo.kit.testing.Prerequisite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The locker as the monolith (DEVSTACK_FUNCTIONS=monolith): the seven handlers in one JVM, calling
 * each other in-process, with the real MariaDB, simulator board and back-end stand-in. A code typed
 * on its screen-io opens the board's door; a call nobody signed, or signed with a stranger's key, is
 * refused as the functions refuse it.
 */
class MonolithLockerTest {
    private static final Duration SOON = Duration.ofSeconds(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static DevStack stack;
    private static Locker locker;
    private static URI monolith;

    @BeforeAll
    static void start() {
        Path root = Main.repoRoot(Path.of("").toAbsolutePath());
        stack = DevStack.start(DevStackSettings.forTests(root).withFunctionMode(FunctionMode.MONOLITH));
        assertEquals(List.of(), stack.skippedFunctions(), "every function must be built and in the monolith");
        locker = new Locker(stack);
        monolith = stack.monolithUrl().orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static BlockingHttp.Reply post(String function, String action, Map<String, String> headers, String body)
            throws Exception {
        return BlockingHttp.postJson(monolith.resolve("/function/" + function + "?action=" + action), headers, body,
                TIMEOUT, TIMEOUT);
    }

    @Test
    void one_jvm_serves_all_seven() {
        long pids = stack.deployedFunctions().stream()
                .map(function -> stack.functionProcess(function).orElseThrow().pid()).distinct().count();

        assertEquals(7, stack.deployedFunctions().size(), stack.deployedFunctions().toString());
        assertEquals(1, pids);
    }

    @Test
    void the_locker_prometheus_scrapes_each_of_the_seven_in_the_one_jvm_through_faasd_provider() throws Exception {
        for (String function : stack.deployedFunctions()) {
            HttpResponse<String> scrape = locker.get(stack.providerUrl().resolve("/function/" + function + "/metrics"));
            assertEquals(200, scrape.statusCode(), function + ": " + scrape.body());
        }
        Prerequisite.require(stack.prometheusUrl().isPresent(), "prometheus is not on PATH (Debian: apt-get install prometheus)");
        int deployed = stack.deployedFunctions().size();
        PrometheusApi.await(stack.prometheusUrl().orElseThrow(), "count(up{job=\"functions\"} == 1)", Optional.empty(),
                result -> result.size() == 1 && PrometheusApi.value(result) == deployed, Duration.ofSeconds(40));
    }

    @Test
    void a_deposit_code_typed_on_the_monoliths_screen_opens_the_door_and_the_parcel_is_stored() throws Exception {
        Parcel parcel = locker.newParcel(locker.spareDoors().get(0));

        BlockingHttp.Reply typed = post("screen-io", "enter", Map.of(),
                Json.write(Map.of("code", parcel.deposit, "screen_id", "simulator")));

        assertEquals(200, typed.status(), typed.text());
        assertEquals("Porta " + parcel.door + " aberta", Body.ofReply(typed.text()).text("display", 100));
        assertTrue(locker.doorOpen(parcel.door), "the board opened the door");
        locker.closeDoor(parcel.door);
        assertTrue(Locker.await(SOON, 20, () -> "IN_STORAGE".equals(locker.status(parcel.id))),
                "stored; status " + locker.status(parcel.id));
        assertEquals("OCCUPIED", locker.doorState(parcel.door));
    }

    @Test
    void an_unsigned_or_forged_call_to_the_monolith_is_refused_and_opens_nothing() throws Exception {
        int door = locker.spareDoors().get(1);
        String body = Json.write(Map.of("door_id", door));

        BlockingHttp.Reply unsigned = post("door-io", "open", Map.of(), body);
        GatewayReply forged = new GatewayClient(monolith, new RequestSigner(new HmacKey("f".repeat(40)), Clock.systemUTC()),
                TIMEOUT).call("door-io", "open", body);

        assertEquals(401, unsigned.status(), unsigned.text());
        assertEquals(401, forged.status(), forged.body());
        assertEquals("unauthorized", forged.error());
        assertFalse(locker.doorOpen(door), "door " + door + " stays shut");
    }
}

package io.cacifo.e2e;

import io.cacifo.devstack.DevStack;
import io.cacifo.devstack.DevStackSettings;
import io.cacifo.devstack.Main;
import io.cacifo.devstack.backend.ReceivedAlert;
import io.cacifo.e2e.Locker.Parcel;
import io.cacifo.e2e.Locker.Screen;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The alert path end to end on the devstack: a door left open becomes door-manager's
 * cacifo_door_alarms_open, scraped by the locker's Prometheus through faasd-provider, federated to the
 * central one, which evaluates prometheus/alerts.yml and sends DoorLeftOpen to the devstack's
 * Alertmanager (Debian's prometheus-alertmanager), whose webhook delivers it to the back-end
 * stand-in's /alerts and page. Every part is the real one.
 *
 * <p>The alert is not waited for to resolve: the alarm counts a door operation that ended
 * LEFT_OPEN for 24 h after it (DoorOperationDao.countOpenAlarms), closed door or not.
 * LocalAlertmanagerTest shows a resolved alert reaching the stand-in.
 */
class LockerAlertsTest {
    /** Short, so the door is "left open" within seconds instead of production's 45 s. */
    private static final int DOOR_CLOSE_TIMEOUT_MS = 3000;
    /**
     * The door wait, then the functions' scrape and federation (2 s each), the rule evaluation (2 s),
     * Alertmanager's group wait (1 s), and a margin for the first scrape of a function just started.
     */
    private static final Duration ALERT = Duration.ofSeconds(60);
    private static DevStack stack;
    private static Locker locker;

    @BeforeAll
    static void start() {
        stack = DevStack.start(DevStackSettings.forTests(Main.repoRoot(Path.of("").toAbsolutePath()))
                .withFunctionSettings(Map.of("door_close_timeout_ms", Integer.toString(DOOR_CLOSE_TIMEOUT_MS))));
        assertEquals(List.of(), stack.skippedFunctions(), "every function must be built and running");
        assertTrue(stack.centralPrometheusUrl().isPresent(), "the devstack runs no Prometheus (is prometheus on PATH?)");
        assertTrue(stack.alertmanagerUrl().isPresent(), "the devstack runs no Alertmanager (is prometheus-alertmanager on PATH?)");
        locker = new Locker(stack);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void a_door_left_open_reaches_the_back_end_stand_in_as_a_firing_door_left_open_page() {
        assertEquals(List.of(), alerts("DoorLeftOpen"), "nothing is open yet");
        Parcel parcel = locker.newParcel(locker.spareDoors().get(0));

        Screen opened = locker.enter(parcel.deposit, "simulator");

        assertEquals(200, opened.status, opened.toString());
        assertTrue(locker.doorOpen(parcel.door), "the door opened and nobody closes it");
        assertTrue(Locker.await(ALERT, 500, () -> !alerts("DoorLeftOpen").isEmpty()),
                "no DoorLeftOpen within " + ALERT.toSeconds() + " s; the stand-in got " + stack.backend().alerts()
                        + "; see " + stack.logsDir().resolve("alertmanager.log") + " and the central Prometheus's /alerts");
        ReceivedAlert alert = alerts("DoorLeftOpen").get(0);
        assertEquals("firing", alert.status());
        assertEquals("locker-001", alert.locker());
        assertEquals("page", alert.severity());
        assertEquals("locker-001: 1 door(s) left open past door_close_timeout", alert.summary());
        HttpResponse<String> page = locker.get(stack.backend().url().resolve("/"));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<td>firing</td><td>DoorLeftOpen</td><td>locker-001</td><td>page</td>"), page.body());
        locker.closeDoor(parcel.door);
    }

    /** The notifications the stand-in received for {@code alertname}, oldest first. */
    private static List<ReceivedAlert> alerts(String alertname) {
        return stack.backend().alerts().stream().filter(alert -> alert.alertname().equals(alertname))
                .collect(Collectors.toList());
    }
}

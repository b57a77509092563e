package io.cacifo.devstack.backend;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReceivedAlertsTest {
    private final ReceivedAlerts alerts = new ReceivedAlerts(Clock.fixed(Instant.parse("2026-12-02T13:40:00Z"), ZoneOffset.UTC));

    private static String notification(String... names) {
        StringBuilder body = new StringBuilder("{\"status\":\"firing\",\"alerts\":[");
        for (int i = 0; i < names.length; i++) {
            body.append(i == 0 ? "" : ",").append("{\"status\":\"firing\",\"labels\":{\"alertname\":\"").append(names[i])
                    .append("\"}}");
        }
        return body.append("]}").toString();
    }

    @Test
    void a_notification_of_several_alerts_is_stored_alert_by_alert_with_missing_labels_empty() {
        int count = alerts.accept(notification("DoorLeftOpen", "DoorJammed"));

        assertEquals(2, count);
        assertEquals(List.of("firing DoorLeftOpen  ()", "firing DoorJammed  ()"),
                alerts.all().stream().map(ReceivedAlert::toString).collect(Collectors.toList()));
        assertEquals(Instant.parse("2026-12-02T13:40:00Z"), alerts.all().get(0).receivedAt());
    }

    @Test
    void only_the_newest_notifications_are_kept_so_a_long_demo_holds_a_bounded_list() {
        for (int i = 0; i < ReceivedAlerts.KEPT + 3; i++) {
            alerts.accept(notification("Alert" + i));
        }

        List<ReceivedAlert> kept = alerts.all();

        assertEquals(ReceivedAlerts.KEPT, kept.size());
        assertEquals("Alert3", kept.get(0).alertname());
        assertEquals("Alert" + (ReceivedAlerts.KEPT + 2), kept.get(kept.size() - 1).alertname());
    }
}

package io.cacifo.devstack.backend;

import java.util.List;

/**
 * The stand-in back-end's page: the events received so far, then the alerts Alertmanager sent, each
 * newest first, refreshed every 2 s.
 */
final class EventsPage {
    private EventsPage() {
    }

    static String render(List<ReceivedEvent> events, long duplicates, boolean down, List<ReceivedAlert> alerts) {
        StringBuilder html = new StringBuilder(2048);
        html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"2\">")
                .append("<title>cacifo back-end stand-in</title><style>body{font-family:sans-serif;margin:2em}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}")
                .append(".down,.firing td:nth-child(2){color:#b00}</style></head><body><h1>Back-end stand-in</h1><p>")
                .append(down ? "<strong class=\"down\">Switched down: answering 503.</strong>" : "Up: accepting events.")
                .append(" Received ").append(events.size()).append(" event(s), dropped ").append(duplicates)
                .append(" duplicate(s).</p><table><tr><th>received</th><th>type</th><th>reservation</th><th>door</th>")
                .append("<th>locker</th><th>event id</th></tr>");
        for (int i = events.size() - 1; i >= 0; i--) {
            ReceivedEvent event = events.get(i);
            html.append("<tr><td>").append(escape(event.receivedAt().toString()))
                    .append("</td><td>").append(escape(event.type()))
                    .append("</td><td>").append(escape(event.text("reservation_id")))
                    .append("</td><td>").append(escape(event.text("door_id")))
                    .append("</td><td>").append(escape(event.lockerId()))
                    .append("</td><td>").append(escape(event.eventId())).append("</td></tr>");
        }
        html.append("</table>");
        alertsTable(html, alerts);
        return html.append("</body></html>").toString();
    }

    private static void alertsTable(StringBuilder html, List<ReceivedAlert> alerts) {
        html.append("<h2>Alerts</h2><p>From the devstack's Alertmanager (prometheus/alerts.yml, webhook to /alerts): ")
                .append(alerts.size()).append(" notification(s).</p><table id=\"alerts\"><tr><th>received</th>")
                .append("<th>status</th><th>alert</th><th>locker</th><th>severity</th><th>summary</th><th>since</th></tr>");
        for (int i = alerts.size() - 1; i >= 0; i--) {
            ReceivedAlert alert = alerts.get(i);
            html.append("<tr class=\"").append(alert.status().equals("firing") ? "firing" : "resolved").append("\"><td>")
                    .append(escape(alert.receivedAt().toString()))
                    .append("</td><td>").append(escape(alert.status()))
                    .append("</td><td>").append(escape(alert.alertname()))
                    .append("</td><td>").append(escape(alert.locker()))
                    .append("</td><td>").append(escape(alert.severity()))
                    .append("</td><td>").append(escape(alert.summary()))
                    .append("</td><td>").append(escape(alert.startsAt())).append("</td></tr>");
        }
        html.append("</table>");
    }

    /** Everything shown comes from a request body, so it is escaped. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<':
                    out.append("&lt;");
                    break;
                case '>':
                    out.append("&gt;");
                    break;
                case '&':
                    out.append("&amp;");
                    break;
                case '"':
                    out.append("&quot;");
                    break;
                case '\'':
                    out.append("&#39;");
                    break;
                default:
                    out.append(c);
            }
        }
        return out.toString();
    }
}

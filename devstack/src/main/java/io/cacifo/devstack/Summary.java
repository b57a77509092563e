package io.cacifo.devstack;

import io.cacifo.devstack.demo.DemoParcel;
import io.cacifo.devstack.demo.DemoScene;
import io.cacifo.devstack.process.FunctionMode;

import java.util.List;

/** What Main prints once the stack is up: where everything is, and the demo codes to type. No secret values. */
final class Summary {
    private Summary() {
    }

    static String text(DevStack stack) {
        StringBuilder out = new StringBuilder();
        out.append('\n').append("cacifo devstack is up\n\n");
        line(out, "Gateway", stack.gatewayUrl() + "   (/function/<name>, /system/functions, /metrics)");
        line(out, "faasd-provider", stack.providerUrl() + "   (/function/<name>/metrics: the functions' scrapes, uncounted)");
        line(out, "Locker (simulator)", stack.simulatorRunning() ? stack.simulatorUrl() + "/"
                : "not running: door-simulator/target/door-simulator.jar is missing");
        line(out, "Back-end stand-in", stack.backend().url() + "/   (the events it received, and the alerts Alertmanager sent)");
        line(out, "Prometheus (locker)", stack.prometheusUrl().map(url -> url + "/   (scrapes the gateway, and each function through faasd-provider, as faasd's :9090)")
                .orElse("not running: no prometheus on PATH (apt-get install prometheus), DEVSTACK_PROMETHEUS=off, or it failed (see the warning above)"));
        line(out, "Prometheus (central)", stack.centralPrometheusUrl().map(url -> url + "/   (" + stack.centralMode()
                .map(mode -> mode.description() + ", DEVSTACK_CENTRAL=" + mode.value()).orElse("") + "; bin/dashboard reads it)")
                .orElse("not running"));
        stack.centralRulerUrl().ifPresent(url -> line(out, "vmalert (rules)", url + "/   (evaluates the rule files on VictoriaMetrics; alerts.yml only with Alertmanager)"));
        line(out, "Alertmanager", stack.alertmanagerUrl().map(url -> url + "/   (prometheus/alerts.yml; alerts listed on the back-end stand-in's page)")
                .orElse("not running: no prometheus-alertmanager on PATH (apt-get install prometheus-alertmanager), no Prometheus, or it failed"));
        line(out, "MariaDB", "127.0.0.1:" + stack.mariaDb().port() + ", database cacifo, user cacifo");
        line(out, "Functions", String.join(", ", stack.deployedFunctions()));
        line(out, "Function mode", stack.settings().functionMode() == FunctionMode.FAASD
                ? "faasd: started by their first call, restarted only by a call or cacifo-wake every "
                        + stack.settings().wakeInterval().toMillis() + " ms (DEVSTACK_FUNCTIONS=eager for the old start)"
                : stack.settings().functionMode() == FunctionMode.MONOLITH
                ? "monolith: all seven in one JVM on " + stack.monolithUrl().map(Object::toString).orElse("(none built)")
                        + " (the gateway forwards /function/* to it)"
                : "eager: all started at boot, a dead one stays dead");
        if (!stack.skippedFunctions().isEmpty()) {
            line(out, "Not built (skipped)", String.join(", ", stack.skippedFunctions()));
        }
        line(out, "Logs", stack.logsDir().toString());
        line(out, "Secrets", stack.secretsDir().toString());
        line(out, "/system login", "admin, password in " + stack.secretsDir().resolve("basic-auth-password"));
        out.append('\n').append(parcels(stack.demoParcels())).append('\n');
        if (!stack.demoScenes().isEmpty()) {
            out.append(scenes(stack.demoScenes())).append('\n');
        }
        out.append("Ctrl-C stops everything.\n");
        return out.toString();
    }

    static String parcels(List<DemoParcel> parcels) {
        if (parcels.isEmpty()) {
            return "No demo parcels (reservation-manager or door-manager is not running; see the warnings above).\n";
        }
        StringBuilder table = new StringBuilder("Demo parcels (type the codes on the locker's screen):\n");
        table.append(String.format("  %-10s %-5s %-10s %-10s %-10s%n", "parcel", "door", "deposit", "pick-up", "back-up"));
        for (DemoParcel parcel : parcels) {
            table.append(String.format("  %-10s %-5d %-10s %-10s %-10s%n", parcel.externalId(), parcel.door(),
                    parcel.depositCode(), parcel.pickupCode(), parcel.backupCode()));
        }
        return table.toString();
    }

    static String scenes(List<DemoScene> scenes) {
        StringBuilder text = new StringBuilder("And the exceptions (the screen says what happens; the back-end stand-in shows each event):\n");
        for (DemoScene scene : scenes) {
            text.append(String.format("  %-10s door %-3d %s%n", scene.parcel().externalId(), scene.parcel().door(), scene.story()));
        }
        return text.toString();
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format("  %-20s %s%n", label, value));
    }
}

package io.cacifo.devstack;

import io.cacifo.devstack.backend.BackendStandIn;
import io.cacifo.devstack.gateway.ProviderServer;
import io.cacifo.devstack.gateway.RestartableGateway;
import io.cacifo.devstack.process.RunningFunctions;
import io.cacifo.devstack.process.SimulatedBoard;
import io.cacifo.devstack.prometheus.LocalAlertmanager;
import io.cacifo.devstack.prometheus.LocalPrometheus;
import io.cacifo.kit.testing.LocalMariaDb;

import java.time.Duration;
import java.util.logging.Logger;

/**
 * The order a devstack stops in: the wake timer and MariaDB's supervisor, then the gateway and the provider stand-in, so no call reaches a stopping function; the door
 * simulator and every function together (SIGTERM, SIGKILL after 5 s); then Prometheus, Alertmanager, the back-end
 * stand-in, MariaDB, and the state folder when it is a temporary one. A null part never started; a
 * part that fails to stop is logged and the others still stop.
 */
final class Shutdown {
    private static final Logger LOG = Logger.getLogger(Shutdown.class.getName());
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private Shutdown() {
    }

    static void stop(LockerPower power, RestartableGateway gateway, ProviderServer provider, SimulatedBoard board, RunningFunctions functions,
                     LocalPrometheus prometheus, LocalAlertmanager alertmanager, BackendStandIn backend, LocalMariaDb mariaDb, DevStackSettings settings) {
        // The wake timer and MariaDB's supervisor first: nothing may start what is being stopped.
        quietly("wake timer and MariaDB supervisor", power);
        quietly("gateway", gateway);
        quietly("provider", provider);
        if (board != null) {
            board.requestStop();
        }
        quietly("functions", functions == null ? null : () -> functions.stopAll(STOP_GRACE));
        if (board != null) {
            board.awaitStopped(STOP_GRACE);
        }
        quietly("Prometheus", prometheus);
        // After Prometheus, which sends it alerts until it stops.
        quietly("Alertmanager", alertmanager);
        quietly("back-end stand-in", backend);
        quietly("MariaDB", mariaDb == null ? null : mariaDb::stop);
        settings.deleteTemporaryState();
        LOG.info("[devstack] stopped");
    }

    private static void quietly(String what, AutoCloseable part) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (Exception e) {
            LOG.warning("[devstack] stopping the " + what + " failed: " + e);
        }
    }
}

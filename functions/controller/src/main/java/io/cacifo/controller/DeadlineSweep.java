package io.cacifo.controller;

import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.http.GatewayClient;
import io.cacifo.kit.http.GatewayReply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Asks reservation-manager to apply the parcels' pick-up deadlines (its {@code deadlines} sweep:
 * reminders, then expiry, on the database's clock), at most every {@code deadline_check_interval_ms},
 * as part of a {@link SyncRound}. The deadlines themselves are judged by reservation-manager; this
 * only says how often to look. A sweep that fails is logged and tried on the next round; it never
 * stops the round's reconciliation or outbox flush.
 */
final class DeadlineSweep {
    private static final Logger LOG = Logger.getLogger(DeadlineSweep.class.getName());

    private final GatewayClient gateway;
    private final Duration interval;
    private final Clock clock;
    /** When the last sweep succeeded; null before the first, so the first round sweeps. Rounds run one at a time. */
    private Instant lastSwept;

    /** @param interval setting {@code deadline_check_interval_ms}; zero turns the sweep off */
    DeadlineSweep(GatewayClient gateway, Duration interval, Clock clock) {
        this.gateway = gateway;
        this.interval = interval;
        this.clock = clock;
    }

    /** Sweeps when the interval has passed since the last sweep that succeeded; failures are logged, never thrown. */
    void runIfDue() {
        Instant now = clock.instant();
        if (interval.isZero() || (lastSwept != null && now.isBefore(lastSwept.plus(interval)))) {
            return;
        }
        try {
            // Safe to send again: every reminder and expiry is re-checked under its parcel's lock.
            GatewayReply reply = gateway.callIdempotent("reservation-manager", "deadlines", Map.of());
            if (reply.isSuccess()) {
                lastSwept = now;
                LOG.fine("[controller] deadlines: " + reply.body());
                return;
            }
            LOG.warning("[controller] deadlines: reservation-manager answered HTTP " + reply.status() + " "
                    + reply.error() + "; tried again next round");
        } catch (ApiException e) {
            LOG.warning("[controller] deadlines: " + e.error() + ": " + e.getMessage() + "; tried again next round");
        } catch (RuntimeException e) {
            LOG.warning("[controller] deadlines failed: " + e + "; tried again next round");
        }
    }
}

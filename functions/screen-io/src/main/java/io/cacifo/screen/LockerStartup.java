package io.cacifo.screen;

import io.cacifo.kit.config.Config;
import io.cacifo.kit.http.GatewayClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * Whether the locker has started, as the screen sees it: every function a code needs
 * ({@link ScreenSettings#CODE_FUNCTIONS}) has answered its health probe ({@link GatewayClient#isHealthy})
 * since screen-io started. On faasd the functions come back one by one after a boot, each on its
 * first call, with no readiness wait, so until then a code would meet a function still starting.
 *
 * <p>Once started it stays started: a function that fails later shows up per code as "Locker
 * temporarily unavailable". Until then at most one probe round runs every {@link #PROBE_INTERVAL},
 * however often the screen asks; callers that ask while a round runs wait for its answer. Each
 * round probes only the functions that have not answered yet, one after another, each for at most
 * {@link #PROBE_TIMEOUT}.
 */
final class LockerStartup {
    private static final Logger LOG = Logger.getLogger(LockerStartup.class.getName());
    /**
     * The pause between probe rounds while the locker is starting: short, because after a power cut
     * a code typed the moment the last function answers should not wait for the next round (with
     * 2 s the first door after a boot came up to 2 s late); a round is a few health calls.
     */
    static final Duration PROBE_INTERVAL = Duration.ofMillis(250);
    /** How long one health probe may take: the entrypoint answers it itself, without the handler. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    private final GatewayClient gateway;
    private final Clock clock;
    /** The functions that have not answered a probe yet, in the setting's order. */
    private final Set<String> waitingFor;
    private volatile boolean started;
    private CompletableFuture<Boolean> round;
    private Instant lastRound;

    LockerStartup(GatewayClient gateway, Clock clock, Set<String> functions) {
        this.gateway = gateway;
        this.clock = clock;
        this.waitingFor = new LinkedHashSet<>(functions);
    }

    /** Throws {@link IllegalStateException} at start for an empty list or a name that is no function's. */
    static LockerStartup from(Config config, GatewayClient gateway, Clock clock) {
        return new LockerStartup(gateway, clock, NameList.parse(ScreenSettings.CODE_FUNCTIONS,
                config.get(ScreenSettings.CODE_FUNCTIONS), GatewayClient.FUNCTION_NAME, "a function name"));
    }

    /** True once every function has answered; until then may run a probe round (never throws for a function's sake). */
    boolean started() {
        if (started) {
            return true;
        }
        CompletableFuture<Boolean> running;
        boolean mine = false;
        synchronized (this) {
            if (started) {
                return true;
            }
            if (round == null) {
                Instant now = clock.instant();
                // A clock set back (the Pi's clock at boot) must not stop the rounds.
                if (lastRound != null && now.isBefore(lastRound.plus(PROBE_INTERVAL)) && !now.isBefore(lastRound)) {
                    return false;
                }
                lastRound = now;
                round = new CompletableFuture<>();
                mine = true;
            }
            running = round;
        }
        if (mine) {
            boolean result = false;
            try {
                result = probeRound();
            } finally {
                synchronized (this) {
                    started = result;
                    round = null;
                }
                running.complete(result);
            }
        }
        return running.join();
    }

    /** Probes each function still waited for; true when none is left. */
    private boolean probeRound() {
        List<String> pending;
        synchronized (this) {
            pending = new ArrayList<>(waitingFor);
        }
        List<String> answered = new ArrayList<>();
        for (String function : pending) {
            if (gateway.isHealthy(function, PROBE_TIMEOUT)) {
                answered.add(function);
            }
        }
        synchronized (this) {
            waitingFor.removeAll(answered);
            if (waitingFor.isEmpty()) {
                LOG.info("[screen-io] every function a code needs has answered its health probe: codes are accepted");
                return true;
            }
            if (!answered.isEmpty()) {
                LOG.info("[screen-io] starting: still waiting for " + waitingFor + " to answer its health probe");
            }
            return false;
        }
    }
}

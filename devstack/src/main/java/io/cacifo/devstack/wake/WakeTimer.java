package io.cacifo.devstack.wake;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * cacifo-wake.timer: runs the {@link WakeScript} every {@code interval} after the last run ended,
 * in the background, until closed. A failed run is logged; the next one comes all the same.
 */
public final class WakeTimer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WakeTimer.class.getName());

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cacifo-wake-timer");
        thread.setDaemon(true);
        return thread;
    });

    private WakeTimer() {
    }

    /** The first run comes {@code interval} from now. */
    public static WakeTimer start(WakeScript script, Duration interval) {
        WakeTimer wakeTimer = new WakeTimer();
        wakeTimer.timer.scheduleWithFixedDelay(() -> {
            try {
                int status = script.run();
                if (status != 0) {
                    LOG.warning("[devstack] cacifo-wake (timer) exited with status " + status);
                }
            } catch (RuntimeException e) {
                // Thrown out of here it would end the timer's runs for good.
                LOG.warning("[devstack] cacifo-wake (timer) could not run: " + e.getMessage());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return wakeTimer;
    }

    /** No run starts after this; one in progress finishes (or is ended by closing its script). */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}

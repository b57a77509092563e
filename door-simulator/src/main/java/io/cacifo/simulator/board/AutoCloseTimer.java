package io.cacifo.simulator.board;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Runs a door's auto-close after its delay; tests pass one they move by hand. */
public interface AutoCloseTimer {
    void schedule(Runnable task, long delayMs);

    /** Drops what has not run yet. */
    void shutdown();

    /** One daemon thread, as the simulator runs. */
    static AutoCloseTimer threaded() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "door-auto-close");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return new AutoCloseTimer() {
            @Override
            public void schedule(Runnable task, long delayMs) {
                executor.schedule(task, delayMs, TimeUnit.MILLISECONDS);
            }

            @Override
            public void shutdown() {
                executor.shutdownNow();
            }
        };
    }
}

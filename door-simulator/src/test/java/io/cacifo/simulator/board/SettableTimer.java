package io.cacifo.simulator.board;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An auto-close timer the test moves by hand: {@link #advance} runs every task that falls due, in
 * order, on the test's own thread, so once it returns the test knows each of them has run.
 */
public final class SettableTimer implements AutoCloseTimer {
    private final List<Due> due = new ArrayList<>();
    private long nowMs;
    private long scheduled;

    @Override
    public synchronized void schedule(Runnable task, long delayMs) {
        due.add(new Due(nowMs + delayMs, scheduled++, task));
    }

    @Override
    public synchronized void shutdown() {
        due.clear();
    }

    public void advance(long ms) {
        long until;
        synchronized (this) {
            until = nowMs + ms;
        }
        while (true) {
            Optional<Due> next;
            synchronized (this) {
                next = due.stream().filter(task -> task.atMs <= until)
                        .min(Comparator.<Due>comparingLong(task -> task.atMs).thenComparingLong(task -> task.order));
                if (next.isEmpty()) {
                    nowMs = until;
                    return;
                }
                due.remove(next.get());
                nowMs = next.get().atMs;
            }
            // Outside the lock, as a timer thread would: the task may schedule another.
            next.get().task.run();
        }
    }

    private static final class Due {
        final long atMs;
        final long order;
        final Runnable task;

        Due(long atMs, long order, Runnable task) {
            this.atMs = atMs;
            this.order = order;
            this.task = task;
        }
    }
}

package io.cacifo.bench.fleet;

import java.time.Duration;
import java.util.List;

/**
 * How long each run lasts. A run warms up until the recording rules have a few evaluations behind
 * them (the rules' 5-minute windows are then only partly filled: docs/fleet.md says what that means
 * for the timings), then measures memory, CPU and ingestion over a window, then times the queries.
 */
public final class Plan {
    final List<Integer> fleetSizes;
    final List<Store> stores;
    final int queryRepeats;
    /** A query is repeated fewer times once its repeats have taken this long (a slow raw query at 1,000 lockers). */
    final Duration queryBudget;
    private final boolean quick;

    Plan(List<Integer> fleetSizes, List<Store> stores, int queryRepeats, Duration queryBudget, boolean quick) {
        this.fleetSizes = fleetSizes;
        this.stores = stores;
        this.queryRepeats = queryRepeats;
        this.queryBudget = queryBudget;
        this.quick = quick;
    }

    static Plan full(List<Integer> sizes, List<Store> stores) {
        return new Plan(sizes, stores, 15, Duration.ofSeconds(20), false);
    }

    static Plan quick(List<Store> stores) {
        return new Plan(List.of(10), stores, 5, Duration.ofSeconds(5), true);
    }

    boolean quick() {
        return quick;
    }

    /**
     * Warm-up: at least three locker intervals (two samples in every rate window), more for a bigger
     * fleet. VictoriaMetrics gets a minute more: it hides the newest 30 s from queries
     * ({@code -search.latencyOffset}), vmalert's queries included, so the per-locker rules, which read
     * the per-function ones, have their first values about a minute after the raw series.
     */
    Duration warmup(int lockers, Store store) {
        Duration extra = Duration.ofSeconds(store == Store.REMOTE_WRITE_VICTORIA ? 60 : 0);
        if (quick) {
            return Duration.ofSeconds(40).plus(extra);
        }
        return Duration.ofSeconds(lockers >= 1000 ? 120 : lockers >= 100 ? 60 : 45).plus(extra);
    }

    /** The measured window: four locker intervals or more. */
    Duration window(int lockers) {
        if (quick) {
            return Duration.ofSeconds(20);
        }
        return Duration.ofSeconds(lockers >= 1000 ? 75 : 45);
    }

    /** A generous guess of a run's start, stop and query time, for the wall clock printed at the start. */
    Duration overhead(int lockers) {
        if (quick) {
            return Duration.ofSeconds(20);
        }
        return Duration.ofSeconds(lockers >= 1000 ? 90 : 40);
    }

    Duration total() {
        Duration total = Duration.ZERO;
        for (int lockers : fleetSizes) {
            for (Store store : stores) {
                total = total.plus(warmup(lockers, store)).plus(window(lockers)).plus(overhead(lockers));
            }
        }
        return total;
    }
}

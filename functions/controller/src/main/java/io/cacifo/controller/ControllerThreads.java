package io.cacifo.controller;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The controller's background threads, made once per JVM: a bounded pool that follows open doors
 * (each task waits up to the door-close timeout) and one timer thread that reconciles the door
 * journal and flushes the outbox, at once on {@link #start} (what a crashed run left) and then every
 * interval. Created first and started once everything they run is built, like Javalin's create and
 * start. Threads are daemons: a stopping function does not wait for a door; the journal keeps its place.
 */
final class ControllerThreads {
    /** Doors followed at once; beyond that and a queue of 64 a follow-up is refused and logged. */
    static final int FOLLOW_UP_THREADS = 16;
    private static final int FOLLOW_UP_QUEUE = 64;

    private final ThreadPoolExecutor followUps;
    private final Duration interval;
    private volatile ScheduledExecutorService timer;

    /** The pool, which starts a thread only for a follow-up; the timer waits for {@link #start}. Zero {@code interval}: no timer. */
    ControllerThreads(Duration interval) {
        this.interval = interval;
        this.followUps = new ThreadPoolExecutor(FOLLOW_UP_THREADS, FOLLOW_UP_THREADS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(FOLLOW_UP_QUEUE), daemons("door-follow-up"));
        // Idle threads end, so a quiet locker holds no 16 stacks.
        followUps.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code periodic} now and after every interval, unless the interval is zero; once per JVM. */
    void start(Runnable periodic) {
        if (!interval.isZero()) {
            ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(daemons("outbox-flush"));
            started.scheduleWithFixedDelay(periodic, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
            timer = started;
        }
    }

    /** Hands {@code task} to the pool; false when the pool and its queue are full. */
    boolean followUp(Runnable task) {
        try {
            followUps.execute(task);
            return true;
        } catch (RejectedExecutionException full) {
            return false;
        }
    }

    /** Stops both; the entrypoint never needs this (the JVM's end does it), tests do. */
    void stop() {
        followUps.shutdownNow();
        ScheduledExecutorService started = timer;
        if (started != null) {
            started.shutdownNow();
        }
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

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
 * journal and flushes the outbox, at once on start (what a crashed run left) and then every interval.
 * Threads are daemons: a stopping function does not wait for a door; the journal keeps its place.
 */
final class ControllerThreads {
    /** Doors followed at once; beyond that and a queue of 64 a follow-up is refused and logged. */
    static final int FOLLOW_UP_THREADS = 16;
    private static final int FOLLOW_UP_QUEUE = 64;

    private final ThreadPoolExecutor followUps;
    private final ScheduledExecutorService timer;

    private ControllerThreads(ThreadPoolExecutor followUps, ScheduledExecutorService timer) {
        this.followUps = followUps;
        this.timer = timer;
    }

    /** Starts the pool and, unless {@code interval} is zero, runs {@code periodic} now and after every interval. */
    static ControllerThreads start(Runnable periodic, Duration interval) {
        ThreadPoolExecutor followUps = new ThreadPoolExecutor(FOLLOW_UP_THREADS, FOLLOW_UP_THREADS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(FOLLOW_UP_QUEUE), daemons("door-follow-up"));
        // Idle threads end, so a quiet locker holds no 16 stacks.
        followUps.allowCoreThreadTimeOut(true);
        ScheduledExecutorService timer = null;
        if (!interval.isZero()) {
            timer = Executors.newSingleThreadScheduledExecutor(daemons("outbox-flush"));
            timer.scheduleWithFixedDelay(periodic, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return new ControllerThreads(followUps, timer);
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
        if (timer != null) {
            timer.shutdownNow();
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

package com.openfaas.entrypoint;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fixed pool the HTTP server runs every exchange on ({@code handler_threads} threads, a queue of
 * {@code handler_queue}), and how many of its threads are inside a function call right now. The
 * pool's own active count would also count {@code /health} and the scrape that reads it, so an idle
 * function would never show 0: calls are counted where the handler is called instead.
 */
final class HandlerPool {
    private final ThreadPoolExecutor executor;
    private final int queueCapacity;
    private final AtomicInteger busy = new AtomicInteger();

    HandlerPool(int threads, int queueCapacity) {
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), runnable -> {
                    Thread thread = new Thread(runnable, "handler-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.queueCapacity = queueCapacity;
    }

    ThreadPoolExecutor executor() {
        return executor;
    }

    int queueCapacity() {
        return queueCapacity;
    }

    /** Threads between {@link #enter()} and {@link #leave()}: running a call to a handler. */
    int busy() {
        return busy.get();
    }

    void enter() {
        busy.incrementAndGet();
    }

    void leave() {
        busy.decrementAndGet();
    }
}

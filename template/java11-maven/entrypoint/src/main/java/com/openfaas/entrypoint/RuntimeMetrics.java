package com.openfaas.entrypoint;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Supplier;

/**
 * The series every function's JVM serves beside its own (docs/observability.md, "Each function's JVM
 * and process"): the client library's JVM collectors (memory and pools, GC, threads, the process's
 * RSS, CPU and start time), the handler pool's size and load, and the machine's memory. They live in
 * a registry of their own, made at the first scrape: a JVM that is never scraped pays nothing, and
 * start-up does not wait for the JDK's management beans (docs/performance.md, "The JVM series' cost").
 */
final class RuntimeMetrics implements Supplier<MetricSnapshots> {
    /**
     * Left out of every scrape, so their callbacks never run: the per-state thread count asks every
     * thread's ThreadInfo and the deadlock counts search all threads' locks, each at a safepoint,
     * on every scrape. {@code jvm_threads_current} and the rest of the collector are cheap counters.
     */
    static final Set<String> SKIPPED = Set.of("jvm_threads_state", "jvm_threads_deadlocked", "jvm_threads_deadlocked_monitor");

    private final HandlerPool pool;
    private final MachineMemory machine;
    private PrometheusRegistry registry;

    RuntimeMetrics(HandlerPool pool, MachineMemory machine) {
        this.pool = pool;
        this.machine = machine;
    }

    @Override
    public MetricSnapshots get() {
        return registry().scrape(name -> !SKIPPED.contains(name));
    }

    private synchronized PrometheusRegistry registry() {
        if (registry == null) {
            registry = register(new PrometheusRegistry());
        }
        return registry;
    }

    private PrometheusRegistry register(PrometheusRegistry into) {
        JvmMemoryMetrics.builder().register(into);
        JvmGarbageCollectorMetrics.builder().register(into);
        JvmThreadsMetrics.builder().register(into);
        ProcessMetrics.builder().register(into);
        ThreadPoolExecutor executor = pool.executor();
        GaugeWithCallback.builder().name("cacifo_handler_threads")
                .help("Threads of the entrypoint's handler pool (handler_threads): calls served at once")
                .callback(callback -> callback.call(executor.getMaximumPoolSize())).register(into);
        GaugeWithCallback.builder().name("cacifo_handler_threads_busy")
                .help("Handler threads running a call to the function now (a scrape does not count itself)")
                .callback(callback -> callback.call(pool.busy())).register(into);
        GaugeWithCallback.builder().name("cacifo_handler_queue_capacity")
                .help("Calls that may wait for a handler thread (handler_queue); beyond it the connection is closed")
                .callback(callback -> callback.call(pool.queueCapacity())).register(into);
        GaugeWithCallback.builder().name("cacifo_handler_queue_waiting")
                .help("Requests waiting for a handler thread now")
                .callback(callback -> callback.call(executor.getQueue().size())).register(into);
        GaugeWithCallback.builder().name("cacifo_machine_memory_total_bytes")
                .help("The machine's memory (MemTotal of /proc/meminfo; in a container, the host's)")
                .callback(callback -> ifPresent(machine.totalBytes(), callback)).register(into);
        GaugeWithCallback.builder().name("cacifo_machine_memory_available_bytes")
                .help("Memory the machine can still give to programs (MemAvailable of /proc/meminfo)")
                .callback(callback -> ifPresent(machine.availableBytes(), callback)).register(into);
        return into;
    }

    private static void ifPresent(OptionalLong bytes, GaugeWithCallback.Callback callback) {
        if (bytes.isPresent()) {
            callback.call(bytes.getAsLong());
        }
    }
}

package io.cacifo.kit.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Puts a function's collector in its registry ({@code Services.metrics()}): {@link
 * PrometheusRegistry#defaultRegistry}, which the entrypoint writes at {@code GET /metrics}, or in the
 * monolith one registry per function. A registry holds one function's collector: a handler built
 * again on the same registry (tests build one per database) replaces its collector instead of adding
 * a second, so each series is written once and reads the newest handler's database.
 */
public final class LockerMetrics {
    private static final Map<PrometheusRegistry, MultiCollector> CURRENT = new IdentityHashMap<>();

    private LockerMetrics() {
    }

    /** Registers {@code collector} as the JVM's DB gauges in the default registry. */
    public static void register(MultiCollector collector) {
        register(PrometheusRegistry.defaultRegistry, collector);
    }

    /** Registers {@code collector} in {@code registry}, unregistering the one registered there before. */
    public static synchronized void register(PrometheusRegistry registry, MultiCollector collector) {
        MultiCollector before = CURRENT.put(registry, collector);
        if (before != null) {
            registry.unregister(before);
        }
        registry.register(collector);
    }
}

package io.cacifo.kit.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Puts a function's collector in {@link PrometheusRegistry#defaultRegistry}, which the entrypoint
 * writes at {@code GET /metrics}. One JVM serves one handler, built once; a handler built again in the
 * same JVM (tests build one per database) replaces its collector instead of adding a second, so each
 * series is written once and reads the newest handler's database.
 */
public final class LockerMetrics {
    private static MultiCollector current;

    private LockerMetrics() {
    }

    /** Registers {@code collector} as this JVM's DB gauges, unregistering the one registered before. */
    public static synchronized void register(MultiCollector collector) {
        if (current != null) {
            PrometheusRegistry.defaultRegistry.unregister(current);
        }
        PrometheusRegistry.defaultRegistry.register(collector);
        current = collector;
    }
}

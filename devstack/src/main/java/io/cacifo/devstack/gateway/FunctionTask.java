package io.cacifo.devstack.gateway;

/**
 * What the gateway knows of a function's task, as faasd's provider reports it: how many replicas
 * run (faasd has 0 or 1: 1 only while the task is "running", pkg/provider/handlers/function_get.go),
 * and the scale-from-zero the gateway asks for before forwarding a call to a task with none
 * (faas gateway/scaling/function_scaler.go; faasd pkg/provider/handlers/scale.go).
 */
public interface FunctionTask {
    /** 1 while the task runs (its watchdog answers, whatever its JVM does), 0 when it is stopped. */
    int replicas();

    /**
     * Starts a stopped task and returns at once, without waiting for it to listen, as faasd
     * re-creates a stopped task; does nothing to a running one (or where nothing scales from zero).
     */
    void scaleFromZero();

    /** A task that always reports {@code replicas} and never starts anything: a fake for gateway tests. */
    static FunctionTask fixed(int replicas) {
        return new FunctionTask() {
            @Override
            public int replicas() {
                return replicas;
            }

            @Override
            public void scaleFromZero() {
                // Nothing to start.
            }
        };
    }
}

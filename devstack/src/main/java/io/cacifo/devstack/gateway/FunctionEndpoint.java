package io.cacifo.devstack.gateway;

import java.time.Duration;
import java.util.Map;

/** Where the gateway finds a deployed function, and what /system/functions says about it. */
public final class FunctionEndpoint {
    private final String name;
    private final String image;
    private final int port;
    private final Duration execTimeout;
    private final Map<String, String> annotations;
    private final FunctionTask task;
    private final String pathPrefix;

    /** {@code task} says how many replicas run and starts a stopped one on a call. */
    public FunctionEndpoint(String name, String image, int port, Duration execTimeout,
                            Map<String, String> annotations, FunctionTask task) {
        this(name, image, port, execTimeout, annotations, task, "");
    }

    /**
     * {@code pathPrefix}: what the process expects before the sub-path: "" for a function's own
     * process (of-watchdog's), {@code /function/<name>} for the monolith, which serves all seven.
     */
    public FunctionEndpoint(String name, String image, int port, Duration execTimeout,
                            Map<String, String> annotations, FunctionTask task, String pathPrefix) {
        this.pathPrefix = pathPrefix;
        this.name = name;
        this.image = image;
        this.port = port;
        this.execTimeout = execTimeout;
        this.annotations = Map.copyOf(annotations);
        this.task = task;
    }

    public String name() {
        return name;
    }

    public String image() {
        return image;
    }

    public int port() {
        return port;
    }

    public Duration execTimeout() {
        return execTimeout;
    }

    public Map<String, String> annotations() {
        return annotations;
    }

    public FunctionTask task() {
        return task;
    }

    /** Put before the call's sub-path when it is forwarded ("" for a function's own process). */
    public String pathPrefix() {
        return pathPrefix;
    }
}

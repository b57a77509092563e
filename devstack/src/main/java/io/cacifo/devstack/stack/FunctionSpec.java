package io.cacifo.devstack.stack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One function as stack.yaml declares it, after faas-cli's variable substitution. */
public final class FunctionSpec {
    /** What the gateway waits for a function that sets no exec_timeout (faasd's default). */
    public static final Duration DEFAULT_EXEC_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final String image;
    private final String handler;
    private final Map<String, String> environment;
    private final List<String> secrets;
    private final Map<String, String> annotations;
    private final Map<String, String> labels;

    public FunctionSpec(String name, String image, String handler, Map<String, String> environment,
                        List<String> secrets, Map<String, String> annotations, Map<String, String> labels) {
        this.name = name;
        this.image = image;
        this.handler = handler;
        this.environment = Map.copyOf(environment);
        this.secrets = List.copyOf(secrets);
        this.annotations = Map.copyOf(annotations);
        this.labels = Map.copyOf(labels);
    }

    public String name() {
        return name;
    }

    public String image() {
        return image;
    }

    /** The function's folder relative to the repository root, e.g. {@code ./functions/user-manager}. */
    public String handler() {
        return handler;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public List<String> secrets() {
        return secrets;
    }

    public Map<String, String> annotations() {
        return annotations;
    }

    public Map<String, String> labels() {
        return labels;
    }

    /** The environment's {@code exec_timeout}, which of-watchdog enforces per call; 60 s when unset. */
    public Duration execTimeout() {
        return Optional.ofNullable(environment.get("exec_timeout"))
                .filter(text -> !text.isBlank())
                .map(DurationText::parse)
                .orElse(DEFAULT_EXEC_TIMEOUT);
    }
}

package io.cacifo.devstack.stack;

import io.cacifo.kit.testing.StackYaml;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One function as stack.yaml declares it, after faas-cli's variable substitution: what the devstack runs. */
public final class FunctionSpec {
    /** What the gateway waits for a function that sets no exec_timeout (faasd's default). */
    public static final Duration DEFAULT_EXEC_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final String image;
    private final String handler;
    private final Map<String, String> environment;
    private final List<String> secrets;
    private final Map<String, String> annotations;

    public FunctionSpec(String name, String image, String handler, Map<String, String> environment,
                        List<String> secrets, Map<String, String> annotations) {
        this.name = name;
        this.image = image;
        this.handler = handler;
        this.environment = Map.copyOf(environment);
        this.secrets = List.copyOf(secrets);
        this.annotations = Map.copyOf(annotations);
    }

    /**
     * The functions {@code stack} lists, in its order. Failure behaviour: one without a handler, or
     * with a field of the wrong shape, throws {@link IllegalStateException} naming the file and the function.
     */
    public static List<FunctionSpec> listIn(StackYaml stack) {
        List<FunctionSpec> specs = new ArrayList<>();
        stack.functions().forEach((name, node) -> {
            String where = stack.source() + ": function " + name;
            Object handler = node.get("handler");
            if (handler == null) {
                throw new IllegalStateException(where + " has no handler");
            }
            specs.add(new FunctionSpec(name, String.valueOf(node.getOrDefault("image", name)), String.valueOf(handler),
                    StackYaml.strings(node.get("environment"), where + " environment"),
                    StackYaml.list(node.get("secrets"), where + " secrets"),
                    StackYaml.strings(node.get("annotations"), where + " annotations")));
        });
        return specs;
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

    /** The environment's {@code exec_timeout}, which of-watchdog enforces per call; 60 s when unset. */
    public Duration execTimeout() {
        return Optional.ofNullable(environment.get("exec_timeout"))
                .filter(text -> !text.isBlank())
                .map(StackYaml::goDuration)
                .orElse(DEFAULT_EXEC_TIMEOUT);
    }
}

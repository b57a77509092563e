package io.cacifo.devstack.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** The functions deployed on this gateway, by name. Functions are added as their processes come up. */
public final class FunctionDirectory {
    /** The namespace faasd deploys functions into; it appears in error texts and metric labels. */
    public static final String NAMESPACE = "openfaas-fn";

    private final ConcurrentSkipListMap<String, FunctionEndpoint> endpoints = new ConcurrentSkipListMap<>();

    public void register(FunctionEndpoint endpoint) {
        endpoints.put(endpoint.name(), endpoint);
    }

    /** Accepts the name alone or with the namespace ({@code user-manager.openfaas-fn}), as OpenFaaS does. */
    public Optional<FunctionEndpoint> find(String name) {
        return Optional.ofNullable(endpoints.get(withoutNamespace(name)));
    }

    /** In name order. */
    public List<FunctionEndpoint> all() {
        return new ArrayList<>(endpoints.values());
    }

    public static String withoutNamespace(String name) {
        String suffix = "." + NAMESPACE;
        return name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : name;
    }

    public static String qualified(String name) {
        return withoutNamespace(name) + "." + NAMESPACE;
    }
}

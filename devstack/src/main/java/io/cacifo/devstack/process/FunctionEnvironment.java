package io.cacifo.devstack.process;

import io.cacifo.devstack.stack.FunctionSpec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A function's environment on the devstack: what stack.yaml gives it on faasd, with the addresses
 * that only make sense inside faasd (gateway:8080, mariadb:3306, the lock board on 10.62.0.1,
 * the real back-end) pointed at the local stand-ins, and the simulator page's keypad added to the
 * screens screen-io serves.
 */
public final class FunctionEnvironment {
    /** The simulator page's keypad: a screen only the devstack has, added to screen-io's {@code screen_ids}. */
    public static final String SIMULATOR_SCREEN = "simulator";

    private final String gatewayUrl;
    private final String dbHost;
    private final int dbPort;
    private final String lockBoardUrl;
    private final String backendUrl;
    private final Map<String, String> overrides;

    public FunctionEnvironment(String gatewayUrl, String dbHost, int dbPort, String lockBoardUrl, String backendUrl,
                               Map<String, String> overrides) {
        this.gatewayUrl = gatewayUrl;
        this.dbHost = dbHost;
        this.dbPort = dbPort;
        this.lockBoardUrl = lockBoardUrl;
        this.backendUrl = backendUrl;
        this.overrides = Map.copyOf(overrides);
    }

    /**
     * upstream_port, secrets_dir and gateway_url are always set (they differ for every local run);
     * the DB, lock board and back-end addresses only replace values stack.yaml sets, so a function
     * gets no setting here that it would not get on faasd.
     */
    public Map<String, String> of(FunctionSpec spec, int port, Path secretsDir) {
        Map<String, String> env = new LinkedHashMap<>(spec.environment());
        overrides.forEach((key, value) -> replaceIfSet(env, key, value));
        replaceIfSet(env, "db_host", dbHost);
        replaceIfSet(env, "db_port", Integer.toString(dbPort));
        replaceIfSet(env, "lock_board_url", lockBoardUrl);
        replaceIfSet(env, "backend_url", backendUrl);
        env.computeIfPresent("screen_ids", (key, screens) -> withSimulatorScreen(screens));
        env.put("gateway_url", gatewayUrl);
        env.put("upstream_port", Integer.toString(port));
        env.put("secrets_dir", secretsDir.toString());
        return env;
    }

    private static String withSimulatorScreen(String screens) {
        for (String screen : screens.split(",")) {
            if (screen.strip().equals(SIMULATOR_SCREEN)) {
                return screens;
            }
        }
        return screens + "," + SIMULATOR_SCREEN;
    }

    private static void replaceIfSet(Map<String, String> env, String key, String value) {
        if (env.containsKey(key)) {
            env.put(key, value);
        }
    }
}

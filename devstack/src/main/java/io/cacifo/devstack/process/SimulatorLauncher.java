package io.cacifo.devstack.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prepares the door simulator (lock board + touchscreen page):
 * {@code java -cp door-simulator/target/door-simulator.jar:door-simulator/target/lib/* io.cacifo.simulator.Main}.
 */
public final class SimulatorLauncher {
    static final String MAIN_CLASS = "io.cacifo.simulator.Main";

    private final Path repoRoot;
    private final Path logsDir;
    private final List<String> jvmFlags;

    public SimulatorLauncher(Path repoRoot, Path logsDir, List<String> jvmFlags) {
        this.repoRoot = repoRoot;
        this.logsDir = logsDir;
        // The kit's archive is the functions' class path, not the simulator's.
        this.jvmFlags = KitArchive.withoutFlag(jvmFlags);
    }

    public Path jar() {
        return repoRoot.resolve("door-simulator").resolve("target").resolve("door-simulator.jar");
    }

    public boolean isBuilt() {
        return Files.isRegularFile(jar());
    }

    /**
     * @param doors        the layout in the simulator's SIM_DOORS form
     * @param autoCloseMs  SIM_AUTO_CLOSE_MS: 0 leaves doors open until someone closes them on the page
     * @param jammedDoors  SIM_JAMMED_DOORS: the doors whose lock is jammed from the start ({@code 2,7}; empty for none)
     * @param secretsDir   a folder holding lock-board-key (the board obeys only calls door-io signs with it)
     *                     and internal-hmac-key (the page's signed door-manager call); read as files, never passed as values
     */
    public ChildProcess prepare(int port, String doors, long autoCloseMs, String jammedDoors, String gatewayUrl,
                                Path secretsDir) {
        Path target = jar().getParent();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SIM_PORT", Integer.toString(port));
        env.put("SIM_DOORS", doors);
        env.put("SIM_AUTO_CLOSE_MS", Long.toString(autoCloseMs));
        env.put("SIM_JAMMED_DOORS", jammedDoors);
        env.put("gateway_url", gatewayUrl);
        env.put("secrets_dir", secretsDir.toString());
        return new ChildProcess("door-simulator", Jvm.command(jvmFlags, List.of(jar(), target.resolve("lib").resolve("*")), MAIN_CLASS),
                env, repoRoot, logsDir.resolve("door-simulator.log"), port);
    }
}

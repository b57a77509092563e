package io.cacifo.devstack;

import io.cacifo.devstack.process.FunctionMode;
import io.cacifo.devstack.process.KitArchive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Everything the devstack is told, with the defaults in one place. Two starting points:
 * {@link #fromEnvironment} for the demo (fixed ports, state in {@code <repo>/.devstack}) and
 * {@link #forTests} (free ports, a temporary state folder deleted on close).
 *
 * <table>
 *   <caption>Environment variables read by {@link #fromEnvironment}</caption>
 *   <tr><td>DEVSTACK_PORT</td><td>8080</td><td>the gateway</td></tr>
 *   <tr><td>DEVSTACK_SIM_PORT</td><td>8070</td><td>the door simulator (its page and the lock-board API)</td></tr>
 *   <tr><td>DEVSTACK_BACKEND_PORT</td><td>8090</td><td>the back-end stand-in</td></tr>
 *   <tr><td>DEVSTACK_DB_PORT</td><td>3307</td><td>MariaDB (not 3306, so a system MariaDB can keep running)</td></tr>
 *   <tr><td>DEVSTACK_AUTO_CLOSE_MS</td><td>0</td><td>SIM_AUTO_CLOSE_MS: 0 leaves doors open until closed on the page</td></tr>
 *   <tr><td>DEVSTACK_JVM_FLAGS</td><td>{@value #DEFAULT_JVM_FLAGS}</td><td>each function's JVM flags</td></tr>
 *   <tr><td>DEVSTACK_FUNCTION_JAVA</td><td>the devstack's own java</td><td>the command that runs each function's
 *       JVM, split on spaces, e.g. {@code qemu-aarch64-static /usr/lib/jvm/java-17-openjdk-arm64/bin/java}; the
 *       simulator keeps the devstack's java</td></tr>
 *   <tr><td>DEVSTACK_START_TIMEOUT_S</td><td>30, or 300 with DEVSTACK_FUNCTION_JAVA</td><td>how long a function
 *       (and the simulator, Prometheus, the wake script at boot) may take to start</td></tr>
 *   <tr><td>DEVSTACK_FUNCTIONS</td><td>faasd</td><td>{@link FunctionMode}: faasd (start on first call), eager, or monolith (the seven in one JVM)</td></tr>
 *   <tr><td>DEVSTACK_WAKE_INTERVAL_MS</td><td>60000</td><td>faasd mode: deploy/host/cacifo-wake runs this often, as cacifo-wake.timer</td></tr>
 *   <tr><td>DEVSTACK_DEMO_SCENES</td><td>1</td><td>1: the demo also sets up {@link io.cacifo.devstack.demo.DemoScenes} (an expired parcel, a jammed door); 0: not</td></tr>
 * </table>
 * {@link #forTests} reads DEVSTACK_FUNCTIONS, DEVSTACK_WAKE_INTERVAL_MS, DEVSTACK_JVM_FLAGS,
 * DEVSTACK_FUNCTION_JAVA and DEVSTACK_START_TIMEOUT_S too; its
 * demo has no scenes unless {@link #withDemoScenes} asks, so tests keep every spare door working.
 */
public final class DevStackSettings {
    /**
     * A Pi-sized JVM: one GC thread, a small heap and stacks, C1 only (quick start, little code cache),
     * no hsperfdata file mapped. The functions' live data is a few MB and no request body is over
     * 64 KiB (the entrypoint's max_body_bytes), so 16 MB of heap is room enough; under the load plan
     * every heap grows to its maximum, so the maximum is what each function costs
     * (docs/performance.md: -Xmx64m → 16m, the seven's PSS after load 356 → under 300 MB).
     * {@code TrimNativeHeapInterval=2000}: every 2 s the JVM gives the C heap's free memory back to the
     * system (glibc keeps what compilers and class loading freed; JDK 17.0.9+, the Pi's Java 11 has no
     * such flag). The last three flags share class data among the seven JVMs: {@link KitArchive#FLAG} has the
     * devstack build one archive of the kit's classes that all of them map, and
     * {@code ArchiveRelocationMode=0} maps it where it was dumped. This JDK relocates a CDS archive by
     * default (mode 1, address randomisation), which rewrites its pointers and so turns every page of
     * it into each JVM's private copy (docs/performance.md, "What changed").
     */
    public static final String DEFAULT_JVM_FLAGS =
            "-XX:+UseSerialGC -Xms8m -Xmx16m -Xss512k -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:-UsePerfData"
                    + " -XX:TrimNativeHeapInterval=2000"
                    + " -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0 " + KitArchive.FLAG;
    static final Duration FUNCTION_START_TIMEOUT = Duration.ofSeconds(30);
    /**
     * The same wait when the functions run on another java ({@link #functionJava}): a JVM under QEMU
     * user-mode emulation starts many times slower (docs/performance.md, "ARM64 under emulation"),
     * and at boot all seven start at once on the same cores. Generous, but a hung start still ends.
     */
    static final Duration OTHER_JAVA_START_TIMEOUT = Duration.ofMinutes(5);
    /** cacifo-wake.timer's OnUnitActiveSec (deploy/host). */
    static final int DEFAULT_WAKE_INTERVAL_MS = 60_000;

    /**
     * {@link #DEFAULT_JVM_FLAGS} for code built apart from this module (the bench): javac copies a
     * constant into the classes that use it, so they would keep an old value until rebuilt.
     */
    public static String defaultJvmFlags() {
        return DEFAULT_JVM_FLAGS;
    }

    private final Path repoRoot;
    private final Path stateDir;
    private final boolean temporaryState;
    private final int gatewayPort;
    private final int simulatorPort;
    private final int backendPort;
    private final int dbPort;
    private final long autoCloseMs;
    private final List<String> jvmFlags;
    private final Map<String, String> environment;
    private final Duration functionStartTimeout;
    private final List<String> functionJava;
    private final Map<String, String> functionSettings;
    private final FunctionMode functionMode;
    private final Duration wakeInterval;
    private final boolean demoScenes;

    private DevStackSettings(Path repoRoot, Path stateDir, boolean temporaryState, int gatewayPort, int simulatorPort,
                             int backendPort, int dbPort, long autoCloseMs, List<String> jvmFlags,
                             Map<String, String> environment, Duration functionStartTimeout, List<String> functionJava,
                             Map<String, String> functionSettings, FunctionMode functionMode, Duration wakeInterval,
                             boolean demoScenes) {
        this.repoRoot = repoRoot.toAbsolutePath().normalize();
        this.stateDir = stateDir.toAbsolutePath().normalize();
        this.temporaryState = temporaryState;
        this.gatewayPort = gatewayPort;
        this.simulatorPort = simulatorPort;
        this.backendPort = backendPort;
        this.dbPort = dbPort;
        this.autoCloseMs = autoCloseMs;
        this.jvmFlags = List.copyOf(jvmFlags);
        this.environment = Map.copyOf(environment);
        this.functionStartTimeout = functionStartTimeout;
        this.functionJava = List.copyOf(functionJava);
        this.functionSettings = Map.copyOf(functionSettings);
        this.functionMode = functionMode;
        this.wakeInterval = wakeInterval;
        this.demoScenes = demoScenes;
    }

    /** The demo's settings: see the table above; a value that is not a number fails with its name. */
    public static DevStackSettings fromEnvironment(Path repoRoot, Map<String, String> env) {
        return new DevStackSettings(repoRoot, repoRoot.resolve(".devstack"), false,
                number(env, "DEVSTACK_PORT", 8080), number(env, "DEVSTACK_SIM_PORT", 8070),
                number(env, "DEVSTACK_BACKEND_PORT", 8090), number(env, "DEVSTACK_DB_PORT", 3307),
                number(env, "DEVSTACK_AUTO_CLOSE_MS", 0), jvmFlags(env), env, startTimeout(env), functionJava(env), Map.of(),
                functionMode(env), wakeInterval(env), demoScenes(env));
    }

    /** Free ports everywhere, a fresh temporary state folder (and so fresh secrets and DB), removed on close. */
    public static DevStackSettings forTests(Path repoRoot) {
        try {
            Map<String, String> env = System.getenv();
            return new DevStackSettings(repoRoot, Files.createTempDirectory("cacifo-devstack-"), true,
                    0, 0, 0, 0, 0, jvmFlags(env), env, startTimeout(env), functionJava(env), Map.of(), functionMode(env),
                    wakeInterval(env),
                    false);
        } catch (IOException e) {
            throw new UncheckedIOException("could not make a temporary state folder", e);
        }
    }

    /** The same settings with the simulator closing an opened door by itself after {@code ms} (0: never). */
    public DevStackSettings withAutoCloseMs(long ms) {
        return new DevStackSettings(repoRoot, stateDir, temporaryState, gatewayPort, simulatorPort, backendPort,
                dbPort, ms, jvmFlags, environment, functionStartTimeout, functionJava, functionSettings, functionMode, wakeInterval, demoScenes);
    }

    /**
     * The same settings with {@code settings} overriding, for every function that stack.yaml gives
     * them to, the values stack.yaml sets: e.g. a short door_close_timeout_ms for tests.
     */
    public DevStackSettings withFunctionSettings(Map<String, String> settings) {
        return new DevStackSettings(repoRoot, stateDir, temporaryState, gatewayPort, simulatorPort, backendPort,
                dbPort, autoCloseMs, jvmFlags, environment, functionStartTimeout, functionJava, settings, functionMode, wakeInterval, demoScenes);
    }

    /** The same settings with the functions run as {@code mode} says, whatever DEVSTACK_FUNCTIONS says. */
    public DevStackSettings withFunctionMode(FunctionMode mode) {
        return new DevStackSettings(repoRoot, stateDir, temporaryState, gatewayPort, simulatorPort, backendPort,
                dbPort, autoCloseMs, jvmFlags, environment, functionStartTimeout, functionJava, functionSettings, mode, wakeInterval, demoScenes);
    }

    /**
     * The same settings with each function's JVM run by {@code command} (a java and any words before
     * it, e.g. {@code qemu-aarch64-static <arm64 java>}) instead of the devstack's own java, as
     * DEVSTACK_FUNCTION_JAVA does; an empty list is the devstack's own. The start timeout is left as it is.
     */
    public DevStackSettings withFunctionJava(List<String> command) {
        return new DevStackSettings(repoRoot, stateDir, temporaryState, gatewayPort, simulatorPort, backendPort,
                dbPort, autoCloseMs, jvmFlags, environment, functionStartTimeout, command, functionSettings, functionMode,
                wakeInterval, demoScenes);
    }

    /** The same settings with {@code timeout} for every start the devstack waits for, as DEVSTACK_START_TIMEOUT_S does. */
    public DevStackSettings withFunctionStartTimeout(Duration timeout) {
        return new DevStackSettings(repoRoot, stateDir, temporaryState, gatewayPort, simulatorPort, backendPort,
                dbPort, autoCloseMs, jvmFlags, environment, timeout, functionJava, functionSettings, functionMode,
                wakeInterval, demoScenes);
    }

    /** The same settings with the wake timer running every {@code interval}, as DEVSTACK_WAKE_INTERVAL_MS does. */
    public DevStackSettings withWakeInterval(Duration interval) {
        return new DevStackSettings(repoRoot, stateDir, temporaryState, gatewayPort, simulatorPort, backendPort,
                dbPort, autoCloseMs, jvmFlags, environment, functionStartTimeout, functionJava, functionSettings, functionMode, interval, demoScenes);
    }

    /** The same settings with the demo's scenes ({@link io.cacifo.devstack.demo.DemoScenes}) set up or not. */
    public DevStackSettings withDemoScenes(boolean scenes) {
        return new DevStackSettings(repoRoot, stateDir, temporaryState, gatewayPort, simulatorPort, backendPort,
                dbPort, autoCloseMs, jvmFlags, environment, functionStartTimeout, functionJava, functionSettings, functionMode, wakeInterval,
                scenes);
    }

    /**
     * The same settings with {@code overrides} on top of the environment they were made from, for what
     * is read from it when the stack starts (DEVSTACK_CENTRAL and the other Prometheus settings,
     * stack.yaml's variables): e.g. a test of the push path. Ports and the fields above stay as they are.
     */
    public DevStackSettings withEnvironment(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(environment);
        merged.putAll(overrides);
        return new DevStackSettings(repoRoot, stateDir, temporaryState, gatewayPort, simulatorPort, backendPort,
                dbPort, autoCloseMs, jvmFlags, merged, functionStartTimeout, functionJava, functionSettings, functionMode, wakeInterval, demoScenes);
    }

    /** Whether the demo also sets up an expired parcel and a jammed door. */
    public boolean demoScenes() {
        return demoScenes;
    }

    /** FAASD unless DEVSTACK_FUNCTIONS=eager or monolith. */
    public FunctionMode functionMode() {
        return functionMode;
    }

    /** How often the wake script runs after boot in faasd mode. */
    public Duration wakeInterval() {
        return wakeInterval;
    }

    /** Overrides of stack.yaml values, applied only where stack.yaml sets the key. */
    public Map<String, String> functionSettings() {
        return functionSettings;
    }

    public Path repoRoot() {
        return repoRoot;
    }

    /** Secrets, logs and MariaDB's data live here. */
    public Path stateDir() {
        return stateDir;
    }

    /** Whether {@link #stateDir} is removed when the stack closes (tests) or kept (the demo, for its logs). */
    public boolean temporaryState() {
        return temporaryState;
    }

    /** Removes {@link #stateDir} when it is temporary; what cannot be deleted is logged and left. */
    void deleteTemporaryState() {
        if (!temporaryState) {
            return;
        }
        try (Stream<Path> paths = Files.walk(stateDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            Logger.getLogger(DevStackSettings.class.getName()).warning("[devstack] could not delete " + stateDir + ": " + e);
        }
    }

    /** 0 means any free port, for this and the other ports. */
    public int gatewayPort() {
        return gatewayPort;
    }

    public int simulatorPort() {
        return simulatorPort;
    }

    public int backendPort() {
        return backendPort;
    }

    public int dbPort() {
        return dbPort;
    }

    public long autoCloseMs() {
        return autoCloseMs;
    }

    public List<String> jvmFlags() {
        return jvmFlags;
    }

    /** The variables stack.yaml's {@code ${NAME:-default}} are filled from, as faas-cli fills them. */
    public Map<String, String> environment() {
        return environment;
    }

    /** How long the devstack waits for a function (or the simulator, Prometheus, the wake script at boot) to start. */
    public Duration functionStartTimeout() {
        return functionStartTimeout;
    }

    /** The command before each function's JVM flags; empty: the devstack's own java. */
    public List<String> functionJava() {
        return functionJava;
    }

    private static List<String> functionJava(Map<String, String> env) {
        String command = env.getOrDefault("DEVSTACK_FUNCTION_JAVA", "").trim();
        return command.isEmpty() ? List.of() : Arrays.asList(command.split("\\s+"));
    }

    private static Duration startTimeout(Map<String, String> env) {
        Duration fallback = functionJava(env).isEmpty() ? FUNCTION_START_TIMEOUT : OTHER_JAVA_START_TIMEOUT;
        int seconds = number(env, "DEVSTACK_START_TIMEOUT_S", (int) fallback.toSeconds());
        if (seconds == 0) {
            throw new IllegalArgumentException("DEVSTACK_START_TIMEOUT_S must be more than 0");
        }
        return Duration.ofSeconds(seconds);
    }

    private static FunctionMode functionMode(Map<String, String> env) {
        String raw = env.getOrDefault("DEVSTACK_FUNCTIONS", "");
        return raw.isBlank() ? FunctionMode.FAASD : FunctionMode.parse("DEVSTACK_FUNCTIONS", raw);
    }

    private static Duration wakeInterval(Map<String, String> env) {
        int ms = number(env, "DEVSTACK_WAKE_INTERVAL_MS", DEFAULT_WAKE_INTERVAL_MS);
        if (ms == 0) {
            throw new IllegalArgumentException("DEVSTACK_WAKE_INTERVAL_MS must be more than 0");
        }
        return Duration.ofMillis(ms);
    }

    private static boolean demoScenes(Map<String, String> env) {
        String raw = env.getOrDefault("DEVSTACK_DEMO_SCENES", "1").trim();
        if (!raw.equals("0") && !raw.equals("1")) {
            throw new IllegalArgumentException("DEVSTACK_DEMO_SCENES must be 0 or 1, got '" + raw + "'");
        }
        return raw.equals("1");
    }

    private static List<String> jvmFlags(Map<String, String> env) {
        String flags = env.getOrDefault("DEVSTACK_JVM_FLAGS", "");
        return Arrays.asList((flags.isBlank() ? DEFAULT_JVM_FLAGS : flags).trim().split("\\s+"));
    }

    private static int number(Map<String, String> env, String key, int fallback) {
        String raw = env.get(key);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < 0) {
                throw new NumberFormatException("negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number of 0 or more, got '" + raw + "'", e);
        }
    }
}

package io.cacifo.bench;

import io.cacifo.devstack.DevStackSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A set of JVM flags every function of one devstack runs with, what it stands for, and how the locker runs. */
public final class JvmConfig {
    /** How the locker's code runs in a configuration. */
    public enum Kind {
        /** The seven functions, each its own JVM, behind the devstack's gateway. */
        FUNCTIONS,
        /** The seven handlers in one JVM behind one HTTP server, calling each other in-process. */
        MONOLITH,
        /** The seven functions on Debian's arm64 JDK under QEMU user-mode emulation (no latency claims). */
        EMULATED_ARM64
    }

    /**
     * A 24 GB machine's JVM defaults are not a Pi's: ergonomics size the heap from the RAM it sees,
     * so the defaults run is told it has 1 GB, as a Pi 3 has.
     */
    static final String PI_DEFAULTS = "-XX:MaxRAM=1g";
    /**
     * The monolith's heap: the seven handlers' live data is a few MB each (the tuned -Xmx16m per
     * function holds it with room), but requests' garbage grows with throughput, not with how many
     * handlers share the heap, so one heap needs far less than seven functions' 7 × 16 MB: four
     * functions' worth. The run's RSS after the load plan is the check (docs/performance.md).
     */
    static final String MONOLITH_HEAP = "-Xms16m -Xmx64m";
    /** stack.yaml's limits.memory of the data functions, the most common one. */
    static final String CONTAINER_RAM = "96m";

    private final String name;
    private final String flags;
    private final String meaning;
    private final Kind kind;

    public JvmConfig(String name, String flags, String meaning) {
        this(name, flags, meaning, Kind.FUNCTIONS);
    }

    public JvmConfig(String name, String flags, String meaning, Kind kind) {
        this.name = name;
        this.flags = flags.trim();
        this.meaning = meaning;
        this.kind = kind;
    }

    /**
     * The ones the report compares: the devstack's tuned flags, the template Dockerfile's fprocess
     * flags (what the Pi runs), the JVM's defaults on a 1 GB machine, and (arm64) the fprocess flags
     * with the image's AppCDS archive on Debian's arm64 JDK under QEMU ({@link EmulatedRun}).
     */
    public static List<JvmConfig> standard(Path repoRoot) {
        List<JvmConfig> configs = new ArrayList<>();
        configs.add(new JvmConfig("tuned", DevStackSettings.defaultJvmFlags(),
                "devstack DevStackSettings.DEFAULT_JVM_FLAGS"));
        configs.add(fprocess(repoRoot.resolve("template/java11-maven/Dockerfile")));
        configs.add(new JvmConfig("defaults", PI_DEFAULTS,
                "JVM defaults, told it has 1 GB of RAM like a Pi 3 (so the heap may grow to 256 MB)"));
        configs.add(monolith(DevStackSettings.defaultJvmFlags()));
        configs.add(arm64(repoRoot.resolve("template/java11-maven/Dockerfile")));
        return configs;
    }

    /**
     * The seven handlers in one JVM with the tuned flags, the heap replaced by {@link #MONOLITH_HEAP}
     * (one heap for seven handlers instead of one each).
     */
    static JvmConfig monolith(String tunedFlags) {
        List<String> flags = new ArrayList<>();
        for (String flag : tunedFlags.trim().split("\\s+")) {
            if (!flag.startsWith("-Xmx") && !flag.startsWith("-Xms")) {
                flags.add(flag);
            }
        }
        flags.addAll(Arrays.asList(MONOLITH_HEAP.split(" ")));
        return new JvmConfig("monolith", String.join(" ", flags), "the seven handlers in one JVM (monolith/), the tuned flags"
                + " with " + MONOLITH_HEAP + " for the seven (JvmConfig.MONOLITH_HEAP)", Kind.MONOLITH);
    }

    /**
     * The configs named in {@code names} (comma separated) out of {@link #standard}, or an experiment
     * written {@code name=flags} (e.g. {@code lean=-XX:+UseSerialGC -Xms8m -Xmx64m}); an unknown name throws.
     */
    public static List<JvmConfig> select(Path repoRoot, String names) {
        List<JvmConfig> all = standard(repoRoot);
        List<JvmConfig> chosen = new ArrayList<>();
        for (String name : names.split(",")) {
            String wanted = name.trim();
            if (wanted.isEmpty()) {
                continue;
            }
            int equals = wanted.indexOf('=');
            if (equals > 0) {
                String experiment = wanted.substring(0, equals).trim();
                if (!experiment.matches("[a-z0-9][a-z0-9-]{0,30}")) {
                    throw new IllegalArgumentException("an experiment's name is lower-case letters, digits and -: " + experiment);
                }
                chosen.add(new JvmConfig(experiment, wanted.substring(equals + 1), "an experiment"));
                continue;
            }
            chosen.add(all.stream().filter(config -> config.name.equals(wanted)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no JVM configuration '" + wanted + "' (known: "
                            + String.join(", ", all.stream().map(JvmConfig::name).toArray(String[]::new)) + ")")));
        }
        return chosen;
    }

    /**
     * The Dockerfile's fprocess flags as the devstack can run them. Two differences, both stated in
     * the meaning: an AppCDS archive the image builds ({@code -XX:SharedArchiveFile=...}) does not exist
     * here, so that flag is left out; and heap sizes given as a percentage of RAM mean a share of the
     * container's {@code limits.memory} on faasd, so the devstack's function gets {@value #CONTAINER_RAM}
     * (stack.yaml's limit for the data functions) as its RAM.
     */
    static JvmConfig fprocess(Path dockerfile) {
        List<String> flags = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        boolean percentOfRam = false;
        for (String flag : DockerfileFlags.of(read(dockerfile))) {
            if (flag.startsWith("-XX:SharedArchiveFile=")) {
                changes.add("without its AppCDS archive (built in the image)");
                continue;
            }
            percentOfRam |= flag.contains("RAMPercentage=");
            flags.add(flag);
        }
        if (percentOfRam) {
            flags.add("-XX:MaxRAM=" + CONTAINER_RAM);
            changes.add("-XX:MaxRAM=" + CONTAINER_RAM + " standing in for the container's limits.memory");
        }
        return new JvmConfig("fprocess", String.join(" ", flags), "template/java11-maven/Dockerfile fprocess"
                + (changes.isEmpty() ? "" : ", " + String.join("; ", changes)));
    }

    /**
     * The Dockerfile's fprocess flags as the Pi's image runs them, archive included: {@link EmulatedRun}
     * builds each function's AppCDS archive with appcds.sh on the arm64 JDK, where the devstack runs
     * the function from (its folder), so the image's archive path becomes {@value EmulatedJava#ARCHIVE}.
     * Percentages of RAM get the container's limit as for fprocess.
     */
    static JvmConfig arm64(Path dockerfile) {
        List<String> flags = new ArrayList<>();
        boolean percentOfRam = false;
        for (String flag : DockerfileFlags.of(read(dockerfile))) {
            percentOfRam |= flag.contains("RAMPercentage=");
            flags.add(flag.startsWith("-XX:SharedArchiveFile=") ? "-XX:SharedArchiveFile=" + EmulatedJava.ARCHIVE : flag);
        }
        if (percentOfRam) {
            flags.add("-XX:MaxRAM=" + CONTAINER_RAM);
        }
        return new JvmConfig("arm64", String.join(" ", flags), "template/java11-maven/Dockerfile fprocess with its AppCDS "
                + "archive, on Debian's arm64 OpenJDK 17 under QEMU user-mode emulation (start-up and memory only, "
                + "no latency claim; QEMU's own memory is in each function's)", Kind.EMULATED_ARM64);
    }

    private static String read(Path dockerfile) {
        try {
            return Files.readString(dockerfile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + dockerfile, e);
        }
    }

    public String name() {
        return name;
    }

    /** As DEVSTACK_JVM_FLAGS takes them: space separated. */
    public String flags() {
        return flags;
    }

    public List<String> flagList() {
        return Arrays.asList(flags.split("\\s+"));
    }

    public String meaning() {
        return meaning;
    }

    public Kind kind() {
        return kind;
    }
}

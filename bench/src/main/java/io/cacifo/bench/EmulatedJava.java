package io.cacifo.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's arm64 OpenJDK 17 started through QEMU's user-mode emulator (no binfmt_misc needed), as
 * scripts/ensure-arm64.sh installs them, and each function's AppCDS archive made on it by the
 * template's own appcds.sh, as the Pi's image build makes it.
 */
final class EmulatedJava {
    static final String QEMU = "qemu-aarch64-static";
    static final String ARM64_JAVA = "/usr/lib/jvm/java-17-openjdk-arm64/bin/java";
    /** Where appcds.sh leaves a function's archive, seen from the function's folder (the devstack runs it from there). */
    static final String ARCHIVE = "target/app.jsa";
    /** appcds.sh's three JVM runs under emulation take about 15 s per function here; a hung one still ends. */
    private static final long ARCHIVE_BUILD_LIMIT_S = 600;

    private EmulatedJava() {
    }

    /** The words DevStackSettings.withFunctionJava takes. */
    static List<String> command() {
        return List.of(QEMU, ARM64_JAVA);
    }

    /** Throws {@link IllegalStateException} saying what to install when QEMU or the arm64 JDK is missing. */
    static void requireInstalled() {
        boolean qemu = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty()).anyMatch(dir -> Files.isExecutable(Path.of(dir, QEMU)));
        if (!qemu || !Files.isExecutable(Path.of(ARM64_JAVA))) {
            throw new IllegalStateException("the arm64 configuration needs " + QEMU + " on PATH and " + ARM64_JAVA
                    + ": run scripts/ensure-arm64.sh as root");
        }
    }

    /** The flags to dump an archive under: the run's own, without those naming or switching archives. */
    static List<String> dumpFlags(List<String> runFlags) {
        List<String> flags = new ArrayList<>();
        for (String flag : runFlags) {
            if (!flag.startsWith("-Xshare:") && !flag.startsWith("-XX:SharedArchiveFile=")) {
                flags.add(flag);
            }
        }
        return flags;
    }

    /**
     * Runs template/java11-maven/appcds.sh on the arm64 JDK for one function's {@code target} folder
     * (function.jar and lib/), which then holds app.jsa; returns the script's last line. Throws
     * {@link IllegalStateException} with the end of its output when it fails or overruns.
     */
    static String buildArchive(Path repoRoot, Path target, List<String> runFlags, Path log) throws InterruptedException {
        Path training = repoRoot.resolve("template/java11-maven/training/target/appcds-training.jar");
        ProcessBuilder builder = new ProcessBuilder("bash", repoRoot.resolve("template/java11-maven/appcds.sh").toString(),
                target.toString(), training.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA", String.join(" ", command()));
        builder.environment().put("JVM_FLAGS", String.join(" ", dumpFlags(runFlags)));
        try {
            Files.createDirectories(log.getParent());
            Process process = builder.start();
            if (!process.waitFor(ARCHIVE_BUILD_LIMIT_S, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("appcds.sh for " + target + " did not finish within "
                        + ARCHIVE_BUILD_LIMIT_S + " s; see " + log);
            }
            List<String> output = Files.readAllLines(log, StandardCharsets.UTF_8);
            String last = output.isEmpty() ? "no output" : output.get(output.size() - 1);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("appcds.sh for " + target + " failed (" + last + "); see " + log);
            }
            return last;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run appcds.sh for " + target, e);
        }
    }

    /** Whether the process maps {@code archive} (its /proc/<pid>/maps names the file): the JVM is using it. */
    static boolean maps(long pid, Path archive) {
        Path maps = Path.of("/proc", Long.toString(pid), "maps");
        try {
            String wanted = archive.toAbsolutePath().normalize().toString();
            return Files.readAllLines(maps, StandardCharsets.US_ASCII).stream().anyMatch(line -> line.endsWith(wanted));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + maps, e);
        }
    }
}

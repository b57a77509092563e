package io.cacifo.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** A one-line description of this machine and its Java, for the report; unreadable parts are left out. */
public final class Machine {
    private Machine() {
    }

    public static String describe() {
        StringBuilder text = new StringBuilder();
        text.append(cpuModel().orElse("unknown CPU")).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores");
        memTotalKb().ifPresent(kb -> text.append(String.format(Locale.ROOT, ", %.1f GB RAM", kb / 1024.0 / 1024.0)));
        read("/proc/sys/kernel/osrelease").ifPresent(kernel -> text.append(", Linux ").append(kernel.trim()));
        return text.toString();
    }

    /** The runtime the devstack starts functions with: the one running this JVM. */
    public static String java() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")";
    }

    private static Optional<String> cpuModel() {
        return read("/proc/cpuinfo").flatMap(info -> info.lines()
                .filter(line -> line.startsWith("model name") || line.startsWith("Model"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst());
    }

    private static Optional<Long> memTotalKb() {
        return read("/proc/meminfo").flatMap(info -> info.lines()
                .filter(line -> line.startsWith("MemTotal:"))
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                .findFirst());
    }

    private static Optional<String> read(String file) {
        try {
            return Optional.of(Files.readString(Path.of(file), StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

package io.cacifo.e2e.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The resident set of each function's JVM, read from {@code /proc/<pid>/status} (VmRSS, what the
 * Pi's memory limit counts), sampled at the soak's pace and kept per function in sample order.
 */
final class RssSampler {
    private final List<String> functions;
    private final Function<String, Long> pidOf;
    private final List<Double> minutes = new ArrayList<>();
    private final Map<String, List<Double>> megabytes = new LinkedHashMap<>();

    RssSampler(List<String> functions, Function<String, Long> pidOf) {
        this.functions = List.copyOf(functions);
        this.pidOf = pidOf;
        functions.forEach(name -> megabytes.put(name, new ArrayList<>()));
    }

    /** One sample of every function, at {@code minute} into the run; a process gone reads as 0. */
    synchronized void sample(double minute) {
        minutes.add(minute);
        for (String name : functions) {
            megabytes.get(name).add(rssMegabytes(pidOf.apply(name)));
        }
    }

    synchronized List<Double> minutes() {
        return List.copyOf(minutes);
    }

    synchronized List<Double> series(String function) {
        return List.copyOf(megabytes.get(function));
    }

    List<String> functions() {
        return functions;
    }

    private static double rssMegabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException gone) {
            // The process ended: the report shows 0 and the run counts it as an error.
        }
        return 0;
    }
}

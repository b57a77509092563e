package io.cacifo.devstack.process;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM: a java (the one that runs the devstack, or another command such
 * as {@code qemu-aarch64-static <arm64 java>}), the given flags, a class path and a main class.
 */
final class Jvm {
    private Jvm() {
    }

    static List<String> command(List<String> flags, List<Path> classPath, String mainClass) {
        return command(List.of(), flags, classPath, mainClass);
    }

    /** {@code java}: the words before the flags; empty for the devstack's own java. */
    static List<String> command(List<String> java, List<String> flags, List<Path> classPath, String mainClass) {
        List<String> command = command(java, flags, classPath);
        command.add(mainClass);
        return command;
    }

    /** Without a main class: for a run the flags end by themselves (e.g. {@code -Xshare:dump}), on the devstack's own java. */
    static List<String> command(List<String> flags, List<Path> classPath) {
        return command(List.of(), flags, classPath);
    }

    private static List<String> command(List<String> java, List<String> flags, List<Path> classPath) {
        List<String> command = new ArrayList<>(java);
        if (java.isEmpty()) {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        }
        command.addAll(flags);
        command.add("-cp");
        List<String> entries = new ArrayList<>();
        for (Path entry : classPath) {
            entries.add(entry.toString());
        }
        command.add(String.join(File.pathSeparator, entries));
        return command;
    }
}

package io.cacifo.devstack.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of a child JVM: the java that runs the devstack, the given flags, a class path and a main class. */
final class Jvm {
    private Jvm() {
    }

    static List<String> command(List<String> flags, List<Path> classPath, String mainClass) {
        List<String> command = command(flags, classPath);
        command.add(mainClass);
        return command;
    }

    /** Without a main class: for a run the flags end by themselves (e.g. {@code -Xshare:dump}). */
    static List<String> command(List<String> flags, List<Path> classPath) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.add("-cp");
        List<String> entries = new ArrayList<>();
        for (Path entry : classPath) {
            entries.add(entry.toString());
        }
        command.add(String.join(java.io.File.pathSeparator, entries));
        return command;
    }
}

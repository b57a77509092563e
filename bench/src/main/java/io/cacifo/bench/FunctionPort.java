package io.cacifo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The port a function's JVM serves on, read from its environment ({@code upstream_port}, which the
 * devstack sets for each function as of-watchdog's upstream), so a call can skip the gateway.
 */
public final class FunctionPort {
    private FunctionPort() {
    }

    /** Throws {@link IllegalStateException} when the process has no upstream_port. */
    public static int of(long pid) {
        Path file = Path.of("/proc", Long.toString(pid), "environ");
        byte[] environ;
        try {
            environ = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        return parse(new String(environ, java.nio.charset.StandardCharsets.UTF_8));
    }

    static int parse(String environ) {
        for (String entry : environ.split("\0")) {
            if (entry.startsWith("upstream_port=")) {
                return Integer.parseInt(entry.substring("upstream_port=".length()).trim());
            }
        }
        throw new IllegalStateException("the process has no upstream_port in its environment");
    }
}

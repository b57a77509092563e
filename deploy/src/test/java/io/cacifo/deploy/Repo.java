package io.cacifo.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository the checks read: found from the working directory (deploy/ or the root). */
final class Repo {
    static final Path ROOT = find(Path.of("").toAbsolutePath());

    private Repo() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + relative, e);
        }
    }

    private static Path find(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("stack.yaml")) && Files.isDirectory(dir.resolve("template/java11-maven"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no cacifo repository (stack.yaml + template/java11-maven) above " + start);
    }
}

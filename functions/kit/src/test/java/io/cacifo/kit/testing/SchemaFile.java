package io.cacifo.kit.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds db/schema.sql by walking up from the working directory (a module folder in the reactor). */
public final class SchemaFile {
    private SchemaFile() {
    }

    public static Path path() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("db").resolve("schema.sql");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("db/schema.sql not found above " + Path.of("").toAbsolutePath());
    }

    public static String text() {
        try {
            return Files.readString(path(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("could not read " + path(), e);
        }
    }
}

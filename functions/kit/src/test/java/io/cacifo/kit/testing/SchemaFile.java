package io.cacifo.kit.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** db/schema.sql of the checkout. */
public final class SchemaFile {
    private SchemaFile() {
    }

    public static Path path() {
        return CheckoutFile.path("db/schema.sql");
    }

    public static String text() {
        try {
            return Files.readString(path(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("could not read " + path(), e);
        }
    }
}

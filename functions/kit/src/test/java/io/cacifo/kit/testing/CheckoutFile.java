package io.cacifo.kit.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** A file of the checkout, found by walking up from where a test runs (a module's folder in the reactor). */
public final class CheckoutFile {
    private CheckoutFile() {
    }

    /** {@code relative} (e.g. db/schema.sql) under the working directory or the nearest folder above it. */
    public static Path path(String relative) {
        return above(Path.of("").toAbsolutePath(), relative);
    }

    /** {@code relative} under {@code start} or the nearest folder above it. */
    public static Path above(Path start, String relative) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no " + relative + " in " + start + " or above; run this from the checkout");
    }
}

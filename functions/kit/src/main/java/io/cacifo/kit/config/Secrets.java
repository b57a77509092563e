package io.cacifo.kit.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Secrets, one file per name, as faasd mounts them under /var/openfaas/secrets. Values are never
 * logged or put in exception messages; only names and paths are.
 */
public final class Secrets {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private final Path dir;
    /** The names this program declares ({@link Reads}); null: any. */
    private final Set<String> declared;

    public Secrets(Path dir) {
        this(dir, null);
    }

    private Secrets(Path dir, Set<String> declared) {
        this.dir = dir;
        this.declared = declared;
    }

    public static Secrets from(Config config) {
        return new Secrets(Path.of(config.get(KitSettings.SECRETS_DIR)));
    }

    /** These secrets, refusing to read one not among {@code names} with {@link IllegalStateException} (see {@link Config#limitedTo}). */
    public Secrets limitedTo(Collection<String> names) {
        return new Secrets(dir, Set.copyOf(names));
    }

    public Path dir() {
        return dir;
    }

    /** The secret's text with surrounding white space removed; throws {@link IllegalStateException} when the file is missing or empty. */
    public String require(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException(
                "secret '" + name + "' is missing: expected a non-empty file at " + dir.resolve(name)));
    }

    /** The secret's text, or empty when no such file exists; an unreadable file throws {@link IllegalStateException}. */
    public Optional<String> find(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a secret name: " + name);
        }
        if (declared != null && !declared.contains(name)) {
            throw new IllegalStateException("secret '" + name + "' is read but not declared: add it to the function's settings class");
        }
        Path file = dir.resolve(name);
        try {
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("secret '" + name + "' could not be read from " + file, e);
        }
    }
}

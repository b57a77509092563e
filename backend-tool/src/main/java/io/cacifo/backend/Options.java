package io.cacifo.backend;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command's {@code --name value} options and {@code --flag}s. Anything unexpected (an unknown or
 * repeated option, a missing value, a value of the wrong form) is a {@link UsageException}, which the
 * CLI turns into exit code 2 and the usage text.
 */
final class Options {
    private final String command;
    private final Map<String, String> values;

    private Options(String command, Map<String, String> values) {
        this.command = command;
        this.values = values;
    }

    /** Reads {@code args} (the command's own arguments); {@code withValue} and {@code flags} name what is allowed, without dashes. */
    static Options parse(String command, String[] args, Set<String> withValue, Set<String> flags) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new UsageException(command + ": unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            if (values.containsKey(name)) {
                throw new UsageException(command + ": --" + name + " is given twice");
            }
            if (flags.contains(name)) {
                values.put(name, "true");
            } else if (withValue.contains(name)) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new UsageException(command + ": --" + name + " needs a value");
                }
                values.put(name, args[++i]);
            } else {
                throw new UsageException(command + ": unknown option --" + name);
            }
        }
        return new Options(command, values);
    }

    String required(String name) {
        return optional(name).orElseThrow(() -> new UsageException(command + ": --" + name + " is required"));
    }

    Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name));
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    long number(String name, long min, long max) {
        return optionalNumber(name, min, max).orElseThrow(() -> new UsageException(command + ": --" + name + " is required"));
    }

    Optional<Long> optionalNumber(String name, long min, long max) {
        return optional(name).map(text -> {
            long value;
            try {
                value = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new UsageException(command + ": --" + name + " must be a whole number");
            }
            if (value < min || value > max) {
                throw new UsageException(command + ": --" + name + " must be from " + min + " to " + max);
            }
            return value;
        });
    }

    Optional<Instant> optionalInstant(String name) {
        return optional(name).map(text -> {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new UsageException(command + ": --" + name + " must be an ISO-8601 UTC time such as 2026-12-01T18:00:00Z");
            }
        });
    }
}

package io.cacifo.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Dockerfile as instructions (continuation lines joined, comment lines kept apart) grouped by stage. */
final class Dockerfile {
    private static final Pattern FROM = Pattern.compile(
            "FROM\\s+(?:--platform=(\\S+)\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)");

    final List<String> comments = new ArrayList<>();
    final List<Stage> stages = new ArrayList<>();

    Dockerfile(String text) {
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#")) {
                comments.add(trimmed);
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed.substring(0, trimmed.length() - 1).trim()).append(' ');
                continue;
            }
            current.append(trimmed);
            String instruction = current.toString().trim();
            current.setLength(0);
            if (instruction.isEmpty()) {
                continue;
            }
            Matcher from = FROM.matcher(instruction);
            if (from.matches()) {
                stages.add(new Stage(from.group(1), from.group(2), from.group(3)));
            } else if (!stages.isEmpty()) {
                stages.get(stages.size() - 1).instructions.add(instruction);
            }
        }
    }

    Stage last() {
        return stages.get(stages.size() - 1);
    }

    static final class Stage {
        final String platform;
        final String image;
        final String name;
        final List<String> instructions = new ArrayList<>();

        Stage(String platform, String image, String name) {
            this.platform = platform;
            this.image = image;
            this.name = name;
        }

        List<String> all(String keyword) {
            List<String> found = new ArrayList<>();
            for (String instruction : instructions) {
                if (instruction.toUpperCase(Locale.ROOT).startsWith(keyword + " ")) {
                    found.add(instruction.substring(keyword.length() + 1).trim());
                }
            }
            return found;
        }

        /** The value an ENV instruction of this stage gives {@code name}, quotes removed; null if none. */
        String env(String name) {
            String value = null;
            for (String env : all("ENV")) {
                Matcher pair = ENV_PAIR.matcher(env);
                while (pair.find()) {
                    if (pair.group(1).equals(name)) {
                        String raw = pair.group(2);
                        value = raw.startsWith("\"") ? raw.substring(1, raw.length() - 1) : raw;
                    }
                }
            }
            return value;
        }

        @Override
        public String toString() {
            return (name == null ? "" : name + " ") + image;
        }
    }
}

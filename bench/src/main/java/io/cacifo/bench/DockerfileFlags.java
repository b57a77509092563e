package io.cacifo.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM flags a Dockerfile's {@code fprocess} runs the function with: its {@code ENV} instructions
 * are read in order (continuation lines joined, comments skipped), {@code ${NAME}} references in
 * fprocess are filled from them, and the tokens between {@code java} and the class path
 * ({@code -cp}, {@code -jar} or an {@code @argfile}) are the flags.
 */
final class DockerfileFlags {
    private static final Pattern ASSIGNMENT =
            Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(?:\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'|(\\S*))");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private DockerfileFlags() {
    }

    /** Throws {@link IllegalStateException} when no ENV sets an fprocess starting with {@code java}. */
    static List<String> of(String dockerfile) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String instruction : instructions(dockerfile)) {
            if (!instruction.regionMatches(true, 0, "ENV ", 0, 4)) {
                continue;
            }
            Matcher assignment = ASSIGNMENT.matcher(instruction.substring(4));
            while (assignment.find()) {
                if (assignment.group(3) != null) {
                    // Single quotes: taken literally, no ${...} filled in (as a shell would).
                    env.put(assignment.group(1), assignment.group(3));
                    continue;
                }
                String value = assignment.group(2) != null ? assignment.group(2).replace("\\\"", "\"") : assignment.group(4);
                env.put(assignment.group(1), expand(value, env));
            }
        }
        String fprocess = env.get("fprocess");
        if (fprocess == null || !fprocess.trim().startsWith("java ")) {
            throw new IllegalStateException("the Dockerfile sets no ENV fprocess=\"java <flags> ...\"");
        }
        List<String> flags = new ArrayList<>();
        String[] tokens = fprocess.trim().split("\\s+");
        for (int i = 1; i < tokens.length; i++) {
            String token = tokens[i];
            if (token.equals("-cp") || token.equals("-classpath") || token.equals("--class-path")
                    || token.equals("-jar") || token.startsWith("@") || !token.startsWith("-")) {
                break;
            }
            flags.add(token);
        }
        return flags;
    }

    /** Whole instructions: lines ending in a backslash joined with the next, comment lines left out. */
    static List<String> instructions(String dockerfile) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            if (current.length() > 0) {
                out.add(current.toString().trim());
            }
            current.setLength(0);
        }
        if (current.length() > 0) {
            out.add(current.toString().trim());
        }
        return out;
    }

    private static String expand(String value, Map<String, String> env) {
        Matcher reference = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (reference.find()) {
            String name = reference.group(1) != null ? reference.group(1) : reference.group(2);
            reference.appendReplacement(out, Matcher.quoteReplacement(env.getOrDefault(name, "")));
        }
        reference.appendTail(out);
        return out.toString();
    }
}

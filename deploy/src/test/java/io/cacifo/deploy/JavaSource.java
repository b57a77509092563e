package io.cacifo.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of a Java source file for {@link CodeReads}: the text without comments, and its
 * methods and constructors with the class they belong to and their bodies. Not a parser: it relies
 * on the house style (one declaration per line, braces balanced, no text blocks on Java 11).
 */
final class JavaSource {
    private static final Pattern TYPE = Pattern.compile("\\b(?:class|interface|enum)\\s+([A-Z]\\w*)[^;{]*\\{");
    private static final Pattern DECLARATION = Pattern.compile(
            "((?:(?:public|protected|private|static|final|synchronized|abstract|default|native)\\s+)*)"
                    + "(?:<[^>]*>\\s+)?(?:([\\w.$]+(?:<[^(){};]*>)?(?:\\[\\])*)\\s+)?(\\w+)\\s*\\(([^(){};]*(?:\\([^(){};]*\\)[^(){};]*)*)\\)"
                    + "\\s*(?:throws\\s+[\\w.,\\s]+)?\\{");
    private static final Set<String> NOT_NAMES = Set.of("if", "for", "while", "switch", "catch", "synchronized",
            "try", "do", "else", "return", "new", "throw", "case");

    final String file;
    final String text;
    final List<Method> methods = new ArrayList<>();

    JavaSource(String file, String source) {
        this.file = file;
        this.text = stripComments(source);
        List<int[]> types = new ArrayList<>();
        List<String> typeNames = new ArrayList<>();
        Matcher type = TYPE.matcher(text);
        while (type.find()) {
            types.add(new int[]{type.end() - 1, closingBrace(text, type.end() - 1)});
            typeNames.add(type.group(1));
        }
        Matcher declaration = DECLARATION.matcher(text);
        while (declaration.find()) {
            String name = declaration.group(3);
            String returnType = declaration.group(2);
            if (NOT_NAMES.contains(name) || "new".equals(returnType) || "return".equals(returnType)
                    || "throw".equals(returnType) || "else".equals(returnType) || !startsDeclaration(declaration.start())) {
                continue;
            }
            int open = declaration.end() - 1;
            String owner = innermost(types, typeNames, declaration.start());
            if (owner == null || (returnType == null && !name.equals(owner))) {
                continue;
            }
            boolean isStatic = declaration.group(1).contains("static");
            methods.add(new Method(owner, name, isStatic, text.substring(open + 1, closingBrace(text, open))));
        }
    }

    /**
     * A declaration follows the end of a statement or a block, possibly after annotations; a match
     * after an operator, a comma or a call is an expression, not a declaration.
     */
    private boolean startsDeclaration(int at) {
        int i = at - 1;
        while (true) {
            while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
                i--;
            }
            if (i < 0) {
                return true;
            }
            char before = text.charAt(i);
            if (before == ')') {
                int annotation = annotationStart(i);
                if (annotation < 0) {
                    return false;
                }
                i = annotation - 1;
            } else if (Character.isJavaIdentifierPart(before)) {
                int j = i;
                while (j >= 0 && (Character.isJavaIdentifierPart(text.charAt(j)) || text.charAt(j) == '.')) {
                    j--;
                }
                if (j < 0 || text.charAt(j) != '@') {
                    return false;
                }
                i = j - 1;
            } else {
                return before == ';' || before == '{' || before == '}';
            }
        }
    }

    /** Where the annotation ending with the parenthesis at {@code closeParen} starts ('@'), or -1 if it is none. */
    private int annotationStart(int closeParen) {
        int depth = 0;
        for (int i = closeParen; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(' && --depth == 0) {
                int j = i - 1;
                while (j >= 0 && (Character.isJavaIdentifierPart(text.charAt(j)) || text.charAt(j) == '.')) {
                    j--;
                }
                return j >= 0 && text.charAt(j) == '@' ? j : -1;
            }
        }
        return -1;
    }

    private static String innermost(List<int[]> types, List<String> names, int at) {
        String owner = null;
        int ownerStart = -1;
        for (int i = 0; i < types.size(); i++) {
            int[] range = types.get(i);
            if (range[0] < at && at < range[1] && range[0] > ownerStart) {
                owner = names.get(i);
                ownerStart = range[0];
            }
        }
        return owner;
    }

    /** The index of the brace closing the one at {@code open}; strings are skipped. */
    static int closingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfLiteral(text, i);
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return text.length();
    }

    private static int endOfLiteral(String text, int start) {
        char quote = text.charAt(start);
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return text.length();
    }

    /** Removes // and block comments, keeping string and char literals (and their line breaks) intact. */
    static String stripComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '"' || c == '\'') {
                int end = Math.min(endOfLiteral(source, i), source.length() - 1);
                out.append(source, i, end + 1);
                i = end + 1;
            } else if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? source.length() : end;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                String comment = source.substring(i, end < 0 ? source.length() : end + 2);
                comment.chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
                out.append(' ');
                i = end < 0 ? source.length() : end + 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    static final class Method {
        final String owner;
        final String name;
        final boolean isStatic;
        final String body;

        Method(String owner, String name, boolean isStatic, String body) {
            this.owner = owner;
            this.name = name;
            this.isStatic = isStatic;
            this.body = body;
        }

        @Override
        public String toString() {
            return owner + "." + name + (isStatic ? " (static)" : "");
        }
    }
}

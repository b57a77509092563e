package io.cacifo.devstack.prometheus;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether one of /federate's match[] selectors selects a series, for the selector forms
 * prometheus-federate.yml uses: {@code name}, {@code {a="b",c=~"d"}} and {@code name{...}}, with
 * =, !=, =~ and !~ (regexes anchored, as Prometheus anchors them). Anything else fails the test
 * naming the selector, so a new form cannot be silently misread.
 */
final class FederationMatch {
    private static final Pattern SELECTOR = Pattern.compile("\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)?\\s*(?:\\{(.*)})?\\s*");
    private static final Pattern MATCHER = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"([^\"]*)\"\\s*");

    private FederationMatch() {
    }

    static boolean any(List<String> selectors, Map<String, String> labels) {
        return selectors.stream().anyMatch(selector -> selects(selector, labels));
    }

    static boolean selects(String selector, Map<String, String> labels) {
        Matcher whole = SELECTOR.matcher(selector);
        if (!whole.matches() || (whole.group(1) == null && whole.group(2) == null)) {
            throw new AssertionError("a match[] selector this test cannot read: " + selector);
        }
        if (whole.group(1) != null && !whole.group(1).equals(labels.getOrDefault("__name__", ""))) {
            return false;
        }
        if (whole.group(2) == null || whole.group(2).isBlank()) {
            return true;
        }
        for (String part : whole.group(2).split(",")) {
            Matcher matcher = MATCHER.matcher(part);
            if (!matcher.matches()) {
                throw new AssertionError("a label matcher this test cannot read: " + part + " in " + selector);
            }
            String value = labels.getOrDefault(matcher.group(1), "");
            String wanted = matcher.group(3);
            boolean ok;
            switch (matcher.group(2)) {
                case "=":
                    ok = value.equals(wanted);
                    break;
                case "!=":
                    ok = !value.equals(wanted);
                    break;
                case "=~":
                    ok = value.matches(wanted);
                    break;
                default:
                    ok = !value.matches(wanted);
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}

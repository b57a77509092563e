package io.cacifo.devstack.prometheus;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Whether a remote_write's write_relabel_configs keep a series, for the one action the production
 * file uses: {@code keep} on source_labels joined with ";" against an anchored regex, as Prometheus
 * applies it. Another action fails the test naming it.
 */
final class WriteRelabel {
    private WriteRelabel() {
    }

    @SuppressWarnings("unchecked")
    static boolean keeps(List<Map<String, Object>> rules, Map<String, String> labels) {
        for (Map<String, Object> rule : rules) {
            if (!"keep".equals(rule.get("action"))) {
                throw new AssertionError("a relabel action this test cannot apply: " + rule);
            }
            String joined = ((List<String>) rule.get("source_labels")).stream()
                    .map(name -> labels.getOrDefault(name, "")).collect(Collectors.joining(";"));
            if (!joined.matches((String) rule.get("regex"))) {
                return false;
            }
        }
        return true;
    }
}

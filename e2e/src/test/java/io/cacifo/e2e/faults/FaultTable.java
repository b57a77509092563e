package io.cacifo.e2e.faults;

import org.opentest4j.AssertionFailedError;

import java.util.ArrayList;
import java.util.List;

/**
 * The fault suite's findings: one row per fault and property, with what was observed. A property
 * that does not hold fails the test at once (after its row is recorded), so the printed table shows
 * the violation beside the rows that held.
 */
final class FaultTable {
    private final List<String[]> rows = new ArrayList<>();

    /** Records the row and throws {@link AssertionFailedError} when {@code held} is false. */
    synchronized void check(String fault, String mustHold, String observed, boolean held) {
        rows.add(new String[] {fault, mustHold, observed, held ? "ok" : "VIOLATED"});
        if (!held) {
            throw new AssertionFailedError(fault + ": " + mustHold + "; observed: " + observed);
        }
    }

    synchronized long violations() {
        return rows.stream().filter(row -> !"ok".equals(row[3])).count();
    }

    synchronized boolean isEmpty() {
        return rows.isEmpty();
    }

    /** A Markdown table, so it can be pasted into docs/reliability.md as it is. */
    synchronized String render() {
        StringBuilder out = new StringBuilder();
        out.append("| fault | must hold | observed | |\n|---|---|---|---|\n");
        for (String[] row : rows) {
            out.append("| ").append(cell(row[0])).append(" | ").append(cell(row[1])).append(" | ").append(cell(row[2]))
                    .append(" | ").append(row[3]).append(" |\n");
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}

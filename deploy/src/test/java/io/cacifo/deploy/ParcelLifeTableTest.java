package io.cacifo.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one table of a parcel's statuses, transitions and events (issue 14) is the same in README.md
 * and docs/api.md, names every parcel event the functions write, and every event the functions
 * write has its row under docs/api.md "Back-end events", so a new event cannot go unannounced.
 */
class ParcelLifeTableTest {
    private static final String HEADER = "| from | to | what moves it | event(s) the back-end gets |";
    /** An event type as the functions write it: a string literal such as "parcel.expired". */
    private static final Pattern EVENT = Pattern.compile("\"((?:parcel|door)\\.[a-z_]+)\"");

    @Test
    void readme_and_the_api_reference_show_the_same_table() {
        String readme = table(Repo.read("README.md"));
        assertFalse(readme.isEmpty());
        assertEquals(readme, table(Repo.read("docs/api.md")));
    }

    @Test
    void every_parcel_event_the_functions_write_is_in_the_table() {
        String table = table(Repo.read("README.md"));
        Set<String> missing = eventsWritten().stream().filter(type -> type.startsWith("parcel."))
                .filter(type -> !table.contains("`" + type + "`")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), missing, "README.md's table of a parcel's life lacks these events");
    }

    @Test
    void every_event_the_functions_write_has_its_row_under_back_end_events() {
        String api = Repo.read("docs/api.md");
        String events = api.substring(api.indexOf("## Back-end events"));
        Set<String> written = eventsWritten();
        assertTrue(written.containsAll(Set.of("parcel.expired", "parcel.returned", "door.fault", "door.support_opened")),
                "the scan found too little: " + written);
        Set<String> missing = written.stream().filter(type -> !events.contains("| `" + type + "`")
                && !events.contains(", `" + type + "`")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), missing, "docs/api.md, Back-end events, has no row for these");
    }

    /** The rows from the header to the first line that is not a row. */
    private static String table(String markdown) {
        int start = markdown.indexOf(HEADER);
        if (start < 0) {
            return "";
        }
        StringBuilder rows = new StringBuilder();
        for (String line : markdown.substring(start).split("\n")) {
            if (!line.startsWith("|")) {
                break;
            }
            rows.append(line).append('\n');
        }
        return rows.toString();
    }

    /**
     * The event types in the functions' main sources, screen-io left out: its "door.open" and
     * "parcel.not_arrived" are keys of the screen's message catalogue, and its one event,
     * screen.locked_out, is not about a parcel or a door.
     */
    private static Set<String> eventsWritten() {
        Set<String> types = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Repo.path("functions"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String path = file.toString();
                if (path.endsWith(".java") && path.contains("/src/main/") && !path.contains("/screen-io/")) {
                    Matcher found = EVENT.matcher(Files.readString(file));
                    while (found.find()) {
                        types.add(found.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return types;
    }
}

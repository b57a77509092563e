package io.cacifo.e2e.hostile;

import io.cacifo.devstack.Main;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile table as SECURITY.md describes it: exactly {@link HostileCases#COUNT} requests, each
 * with its exact status and error code, of which only {@link HostileCases#ACCEPTED} are accepted,
 * all on actions that read no body. {@link HostileInputTest} sends them; this checks the table and
 * the document agree without a devstack.
 */
class HostileTableTest {
    private static final List<HostileCase> TABLE = HostileCases.all();

    @Test
    void the_table_holds_exactly_the_count_security_md_quotes() {
        assertEquals(HostileCases.COUNT, TABLE.size());
    }

    @Test
    void every_refusal_names_a_4xx_and_its_error_code() {
        for (HostileCase hostile : TABLE) {
            if (!hostile.accepted()) {
                assertTrue(hostile.status >= 400 && hostile.status < 500, hostile.toString());
                assertTrue(hostile.error != null && !hostile.error.isBlank(), hostile.toString());
            }
        }
    }

    @Test
    void only_actions_that_read_no_body_accept_a_hostile_request_and_only_with_a_200() {
        List<HostileCase> accepted = TABLE.stream().filter(HostileCase::accepted).collect(Collectors.toList());
        assertEquals(HostileCases.ACCEPTED, accepted.size(), accepted.toString());
        for (HostileCase hostile : accepted) {
            assertEquals(200, hostile.status, hostile.toString());
            assertTrue(HostileCases.BODILESS_ACTIONS.contains(hostile.function + "?" + hostile.query), hostile.toString());
            assertEquals(HostileCase.Tweak.NONE, hostile.tweak, hostile.toString());
        }
    }

    @Test
    void security_md_quotes_the_table_s_counts_wherever_it_names_them() throws IOException {
        String doc = Files.readString(Main.repoRoot(Path.of("").toAbsolutePath()).resolve("SECURITY.md"), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ");
        // Written as the document writes numbers: 1,865.
        List<String> counts = all(doc, "([0-9][0-9,]*) hostile requests");
        assertTrue(counts.size() >= 2, "SECURITY.md names the count in its mitigations and its tests: " + counts);
        counts.forEach(count -> assertEquals(String.format(Locale.ROOT, "%,d", HostileCases.COUNT), count));
        List<String> accepted = all(doc, "([0-9][0-9,]*) of them accepted as harmless");
        assertEquals(counts.size(), accepted.size(), "each count says how many are accepted: " + accepted);
        accepted.forEach(count -> assertEquals(Integer.toString(HostileCases.ACCEPTED), count));
        List<String> unparsed = all(doc, "sent to each of the ([a-z]+) functions, refused with the gateway's own 400");
        assertEquals(List.of("seven"), unparsed);
        assertEquals(7, HostileCases.functions().size(), HostileCases.functions().toString());
    }

    private static List<String> all(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher matcher = Pattern.compile(regex).matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}

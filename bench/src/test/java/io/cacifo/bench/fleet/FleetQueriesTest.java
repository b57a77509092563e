package io.cacifo.bench.fleet;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench times the queries the dashboard makes, not look-alikes: held to metrics-ui's own text. */
class FleetQueriesTest {
    private static final Path QUERIES_TS = Path.of("..", "metrics-ui", "src", "lib", "queries.ts");

    @Test
    void everyOverviewQueryTheBenchTimesIsOneTheDashboardMakes() throws Exception {
        String dashboard = Files.readString(QUERIES_TS);
        List<FleetQueries.Query> overview = FleetQueries.all(Store.FEDERATION, "locker-001").stream()
                .filter(query -> query.kind == FleetQueries.Kind.OVERVIEW).collect(Collectors.toList());
        assertEquals(7, overview.size(), "FLEET_QUERIES has seven entries");
        for (FleetQueries.Query query : overview) {
            if (query.promql.startsWith("{__name__=~")) {
                continue; // built from the recorded names below, as queries.ts builds it
            }
            assertTrue(dashboard.contains("'" + query.promql + "'"), "queries.ts has no query " + query.promql);
        }
        for (String recorded : FleetQueries.RECORDED) {
            assertTrue(dashboard.contains("'" + recorded + "'"), "FLEET_RECORDED has no " + recorded);
        }
    }
}

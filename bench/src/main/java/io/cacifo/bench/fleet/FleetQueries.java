package io.cacifo.bench.fleet;

import java.util.ArrayList;
import java.util.List;

/**
 * The queries whose latency the bench times: the fleet overview's seven instant queries (the
 * recording rules of prometheus/fleet-rules.yml and the small cacifo_* gauges), two columns
 * computed from the raw series (what the overview would cost without the rules), and the
 * per-locker view's range queries as metrics-ui/src/lib/queries.ts builds them.
 */
public final class FleetQueries {
    /** The per-locker view's rate window: 4 × the 15 s scrape interval (docs/observability.md). */
    private static final int VIEW_WINDOW_SECONDS = 60;
    /** The per-locker view's step at 15 min and 1 h: max(scrape interval, range / 240) = 15 s. */
    static final int VIEW_STEP_SECONDS = 15;

    /** The recorded series the overview reads in one selector (prometheus/fleet-rules.yml), in queries.ts's order. */
    static final List<String> RECORDED = List.of("locker:gateway_calls:rate5m", "locker:gateway_faults:rate5m",
            "locker:gateway_refusals:rate5m", "locker:gateway_latency_seconds:p95_5m", "locker:last_seen_timestamp_seconds");

    public enum Kind { OVERVIEW, WITHOUT_RULES, LOCKER_VIEW }

    public static final class Query {
        public final Kind kind;
        public final String name;
        public final String promql;
        /** 0 for an instant query, else the range in seconds (ending now). */
        public final int rangeSeconds;
        /** Federation only (the series exists only where the centre scrapes the lockers itself). */
        public final boolean federationOnly;

        Query(Kind kind, String name, String promql, int rangeSeconds, boolean federationOnly) {
            this.kind = kind;
            this.name = name;
            this.promql = promql;
            this.rangeSeconds = rangeSeconds;
            this.federationOnly = federationOnly;
        }
    }

    private FleetQueries() {
    }

    /** Every query for {@code store}; {@code locker} is the one the per-locker view shows. */
    public static List<Query> all(Store store, String locker) {
        List<Query> queries = new ArrayList<>();
        // The overview's seven instant queries, exactly as metrics-ui/src/lib/queries.ts's FLEET_QUERIES
        // writes them (FleetQueriesTest holds the two to the same text).
        overview(queries, "recorded (calls, faults, refusals, p95, last seen)", "{__name__=~\"" + String.join("|", RECORDED) + "\"}");
        queries.add(new Query(Kind.OVERVIEW, "reachable (federation)", "up{job=\"lockers\"}", 0, true));
        overview(queries, "doors", "sum by (locker, state) (cacifo_doors)");
        overview(queries, "open alarms", "sum by (locker) (cacifo_door_alarms_open)");
        overview(queries, "outbox backlog", "sum by (locker) (cacifo_outbox_pending)");
        overview(queries, "oldest pending event", "max by (locker) (cacifo_outbox_oldest_pending_age_seconds)");
        overview(queries, "DB up", "min by (locker) (cacifo_db_up)");
        queries.add(new Query(Kind.WITHOUT_RULES, "calls/s from raw counters",
                "sum by (locker) (rate(gateway_function_invocation_total[5m]))", 0, false));
        queries.add(new Query(Kind.WITHOUT_RULES, "p95 from raw buckets",
                "histogram_quantile(0.95, sum by (locker, le) (rate(gateway_functions_seconds_bucket[5m])))", 0, false));
        for (int range : new int[] {15 * 60, 60 * 60}) {
            String span = range / 60 + " min";
            String sel = "locker=\"" + locker + "\"";
            String window = "[" + VIEW_WINDOW_SECONDS + "s]";
            String all = "sum by (function_name) (rate(gateway_function_invocation_total{" + sel + "}" + window + "))";
            view(queries, "calls/s, " + span, all, range);
            for (String[] share : new String[][] {{"fault share (5xx)", "5"}, {"refusal share (4xx)", "4"}}) {
                String some = "sum by (function_name) (rate(gateway_function_invocation_total{" + sel + ",code=~\""
                        + share[1] + "..\"}" + window + "))";
                view(queries, share[0] + ", " + span, "(" + some + " or " + all + " * 0) / " + all, range);
            }
            for (String q : new String[] {"0.5", "0.95", "0.99"}) {
                view(queries, "p" + q.substring(2) + (q.length() == 3 ? "0" : "") + ", " + span,
                        "histogram_quantile(" + q + ", sum by (le, function_name) (rate(gateway_functions_seconds_bucket{"
                                + sel + "}" + window + ")))", range);
            }
        }
        queries.removeIf(query -> query.federationOnly && store.pushed());
        return queries;
    }

    private static void overview(List<Query> queries, String name, String promql) {
        queries.add(new Query(Kind.OVERVIEW, name, promql, 0, false));
    }

    private static void view(List<Query> queries, String name, String promql, int range) {
        queries.add(new Query(Kind.LOCKER_VIEW, name, promql, range, false));
    }
}

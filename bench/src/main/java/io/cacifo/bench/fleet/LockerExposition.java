package io.cacifo.bench.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code /federate} on one locker's Prometheus answers for prometheus-federate.yml's
 * {@code match[]} (plus the locker's own {@code cacifo_*} and {@code up{job="functions"}}), at a given
 * moment: Prometheus 2's federation format, one {@code # TYPE … untyped} line per metric name, the
 * series sorted, labels sorted with the locker Prometheus's own {@code job} and {@code instance}
 * (prometheus/locker.yml), and each sample with the timestamp of the locker's own scrape.
 *
 * <p>Values are a pure function of the locker and that scrape time, so counters only grow, every
 * histogram's buckets are cumulative with {@code +Inf} equal to {@code _count}, and two scrapes
 * within one 15 s locker interval answer the same samples, as a real locker's do.
 */
public final class LockerExposition {
    /** faasd's scrape interval (prometheus/locker.yml's global): a locker's samples are this far apart. */
    public static final long LOCKER_SCRAPE_MS = 15_000;
    /** The Prometheus client's default buckets, which the OpenFaaS gateway's histogram uses (GatewayMetrics). */
    static final double[] BUCKETS = {.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10};
    private static final String[] BUCKET_LABELS = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5",
        "1", "2.5", "5", "10", "+Inf"};
    /** Spread of a call's duration around its median (log-normal). */
    private static final double SIGMA = 0.8;
    private static final int DOORS = 24;
    private static final String NAMESPACE = ".openfaas-fn";

    private final long epochMs;

    /** {@code epochMs}: the simulator's start; each locker's gateway started some days before it. */
    public LockerExposition(long epochMs) {
        this.epochMs = epochMs;
    }

    public static String lockerName(int number) {
        return String.format(Locale.ROOT, "locker-%04d", number);
    }

    /** The federation text of locker {@code number} of kind {@code kind} as its Prometheus has it at {@code nowMs}. */
    public String render(int number, LockerKind kind, long nowMs) {
        List<Sample> samples = new ArrayList<>(400);
        gateway(samples, number, kind, scrapeTime(number, 0, nowMs));
        provider(samples, number, scrapeTime(number, 1, nowMs));
        samples.add(new Sample("up", labels("instance", "localhost:9090", "job", "prometheus"), 1,
                scrapeTime(number, 2, nowMs)));
        functions(samples, number, kind, scrapeTime(number, 3, nowMs));
        samples.sort(null);
        StringBuilder out = new StringBuilder(samples.size() * 130);
        String family = null;
        for (Sample sample : samples) {
            if (!sample.name.equals(family)) {
                family = sample.name;
                out.append("# TYPE ").append(family).append(" untyped\n");
            }
            out.append(sample.name).append(sample.labels).append(' ').append(format(sample.value)).append(' ')
                    .append(sample.timestampMs).append('\n');
        }
        return out.toString();
    }

    /** The locker Prometheus's last scrape of job {@code job} at or before {@code nowMs}; each job has its own offset. */
    static long scrapeTime(int number, int job, long nowMs) {
        long phase = Math.floorMod(number * 7919L + job * 3001L, LOCKER_SCRAPE_MS);
        return Math.floorDiv(nowMs - phase, LOCKER_SCRAPE_MS) * LOCKER_SCRAPE_MS + phase;
    }

    private long bootMs(int number) {
        return epochMs - (1 + number % 20) * 86_400_000L;
    }

    private void gateway(List<Sample> samples, int number, LockerKind kind, long ts) {
        double uptime = (ts - bootMs(number)) / 1000.0;
        double busy = 0.5 + (number % 7) / 4.0;
        boolean faulty = kind == LockerKind.FAULTY;
        String instance = "gateway:8082";
        for (GatewayCalls.Call call : GatewayCalls.ALL) {
            double rate = call.perSecond * busy * (faulty && call.fault() ? GatewayCalls.FAULT_RATE_FACTOR : 1);
            long count = (long) Math.floor(rate * uptime);
            double median = call.medianSeconds * (faulty ? GatewayCalls.FAULT_SLOWDOWN : 1);
            String fn = call.function + NAMESPACE;
            String code = Integer.toString(call.code);
            samples.add(new Sample("gateway_function_invocation_total",
                    labels("code", code, "function_name", fn, "instance", instance, "job", "gateway"), count, ts));
            for (int i = 0; i < BUCKET_LABELS.length; i++) {
                long inBucket = i < BUCKETS.length ? (long) Math.floor(count * logNormalCdf(BUCKETS[i], median)) : count;
                samples.add(new Sample("gateway_functions_seconds_bucket", labels("code", code, "function_name", fn,
                        "instance", instance, "job", "gateway", "le", BUCKET_LABELS[i]), inBucket, ts));
            }
            samples.add(new Sample("gateway_functions_seconds_count",
                    labels("code", code, "function_name", fn, "instance", instance, "job", "gateway"), count, ts));
            samples.add(new Sample("gateway_functions_seconds_sum",
                    labels("code", code, "function_name", fn, "instance", instance, "job", "gateway"),
                    count * median * Math.exp(SIGMA * SIGMA / 2), ts));
        }
        for (String function : GatewayCalls.FUNCTIONS) {
            samples.add(new Sample("gateway_service_count",
                    labels("function_name", function + NAMESPACE, "instance", instance, "job", "gateway"), 1, ts));
        }
        samples.add(new Sample("up", labels("instance", instance, "job", "gateway"), 1, ts));
        process(samples, instance, "gateway", number, uptime, ts);
    }

    private void provider(List<Sample> samples, int number, long ts) {
        double uptime = (ts - bootMs(number)) / 1000.0;
        String instance = "faasd-provider:8081";
        samples.add(new Sample("up", labels("instance", instance, "job", "provider"), 1, ts));
        process(samples, instance, "provider", number, uptime, ts);
    }

    private void process(List<Sample> samples, String instance, String job, int number, double uptime, long ts) {
        samples.add(new Sample("process_cpu_seconds_total", labels("instance", instance, "job", job),
                Math.round(uptime * 0.002 * 100) / 100.0, ts));
        samples.add(new Sample("process_open_fds", labels("instance", instance, "job", job),
                12 + Math.floorMod(ts / LOCKER_SCRAPE_MS, 5), ts));
        samples.add(new Sample("process_resident_memory_bytes", labels("instance", instance, "job", job),
                24_000_000 + Math.floorMod(ts / LOCKER_SCRAPE_MS * 4096 + number * 65536L, 3_000_000), ts));
        samples.add(new Sample("process_start_time_seconds", labels("instance", instance, "job", job),
                bootMs(number) / 1000.0, ts));
    }

    /** The locker's own series (docs/observability.md), per function, as the job {@code functions} of prometheus/locker.yml scrapes them. */
    private void functions(List<Sample> samples, int number, LockerKind kind, long ts) {
        boolean db = kind != LockerKind.DB_DOWN;
        // Seconds since the simulator started (a scrape in its first interval may be timed just before it).
        double running = Math.max(0, (ts - epochMs) / 1000.0);
        double uptime = (ts - bootMs(number)) / 1000.0;
        for (String function : List.of("controller", "door-manager", "screen-io")) {
            samples.add(new Sample("up", fn(function), 1, ts));
            samples.add(new Sample("cacifo_db_up", fn(function), db ? 1 : 0, ts));
        }
        if (db) {
            int jammed = kind == LockerKind.JAMMED ? 1 : 0;
            int occupied = (int) Math.round(8 + 6 * Math.sin(ts / 3_600_000.0 + number));
            samples.add(new Sample("cacifo_doors", fn("door-manager", "state", "free"), DOORS - occupied - jammed, ts));
            samples.add(new Sample("cacifo_doors", fn("door-manager", "state", "occupied"), occupied, ts));
            samples.add(new Sample("cacifo_doors", fn("door-manager", "state", "out_of_service"), jammed, ts));
            samples.add(new Sample("cacifo_doors_out_of_service", fn("door-manager", "reason", "jammed"), jammed, ts));
            samples.add(new Sample("cacifo_doors_out_of_service", fn("door-manager", "reason", "operator"), 0, ts));
            samples.add(new Sample("cacifo_door_alarms_open", fn("door-manager"), kind == LockerKind.ALARM ? 1 : 0, ts));
            boolean backlog = kind == LockerKind.BACKLOG;
            samples.add(new Sample("cacifo_outbox_pending", fn("controller"),
                    backlog ? 3 + Math.floor(running / 60) : 0, ts));
            // A backlog starts 15 min old, so the "oldest event older than 15 min" alert has something to see at once.
            samples.add(new Sample("cacifo_outbox_oldest_pending_age_seconds", fn("controller"),
                    backlog ? 900 + Math.floor(running) : 0, ts));
            samples.add(new Sample("cacifo_door_operations_unfinished", fn("controller"),
                    kind == LockerKind.ALARM ? 1 : 0, ts));
            samples.add(new Sample("cacifo_screens_locked_out", fn("screen-io"), number % 25 == 9 ? 1 : 0, ts));
        }
        samples.add(new Sample("cacifo_outbox_events_sent_total", fn("controller"),
                Math.floor(uptime * 0.005), ts));
        samples.add(new Sample("cacifo_outbox_events_failed_total", fn("controller"),
                Math.floor(uptime * 0.00001) + (kind == LockerKind.BACKLOG ? Math.floor(running / 10) : 0), ts));
    }

    private static String fn(String function, String... more) {
        String[] all = new String[6 + more.length];
        all[0] = "function";
        all[1] = function;
        all[2] = "instance";
        all[3] = "gateway:8080";
        all[4] = "job";
        all[5] = "functions";
        System.arraycopy(more, 0, all, 6, more.length);
        return labels(all);
    }

    /** {@code {a="1",b="2"}} with the names sorted, as federation writes them; values need no escaping here. */
    private static String labels(String... pairs) {
        Map<String, String> sorted = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            sorted.put(pairs[i], pairs[i + 1]);
        }
        StringBuilder text = new StringBuilder("{");
        sorted.forEach((name, value) -> text.append(text.length() > 1 ? "," : "").append(name).append("=\"")
                .append(value).append('"'));
        return text.append('}').toString();
    }

    /** Integers without a fraction, as Go's strconv writes them; other values as Java writes a double (Go parses both). */
    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /** The share of log-normal calls with median {@code median} that take at most {@code le} seconds. */
    static double logNormalCdf(double le, double median) {
        double z = (Math.log(le) - Math.log(median)) / SIGMA;
        return 0.5 * (1 + erf(z / Math.sqrt(2)));
    }

    /** Abramowitz and Stegun 7.1.26 (error below 1.5e-7), enough for bucket shares. */
    private static double erf(double x) {
        double sign = Math.signum(x);
        double a = Math.abs(x);
        double t = 1 / (1 + 0.3275911 * a);
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                * t * Math.exp(-a * a);
        return sign * y;
    }

    private static final class Sample implements Comparable<Sample> {
        final String name;
        final String labels;
        final double value;
        final long timestampMs;

        Sample(String name, String labels, double value, long timestampMs) {
            this.name = name;
            this.labels = labels;
            this.value = value;
            this.timestampMs = timestampMs;
        }

        @Override
        public int compareTo(Sample other) {
            int byName = name.compareTo(other.name);
            return byName != 0 ? byName : labels.compareTo(other.labels);
        }
    }
}

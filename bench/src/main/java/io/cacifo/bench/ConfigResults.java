package io.cacifo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** One configuration's results folder: its run.json and the samples of each JMeter run. */
final class ConfigResults {
    static final String FIRST_CALL = "user insert: first call";
    static final String INSERT = "user insert";
    static final String DEPOSIT_ENTRY = "code entry -> door open (deposit)";
    static final String PICKUP_ENTRY = "code entry -> door open (pick-up)";
    static final String CYCLE = "code flow: whole cycle";
    static final String BUSY = "[door busy, retried]";

    final RunRecord record;
    final Jtl afterDeploy;
    final Jtl warm;
    final Jtl flow;
    final Jtl load;

    private ConfigResults(Path dir) {
        record = RunRecord.read(dir);
        afterDeploy = Jtl.read(dir.resolve(Plans.AFTER_DEPLOY).resolve("latency-insert.csv"));
        warm = Jtl.read(dir.resolve(Plans.WARM).resolve("latency-insert.csv"));
        flow = Jtl.read(dir.resolve(Plans.CODE_FLOW).resolve("code-flow.csv"));
        load = Jtl.read(dir.resolve(Plans.LOAD).resolve("load.csv"));
    }

    /** Every folder under {@code results} holding a run.json, in the order tuned, fprocess, defaults, then others. */
    static List<ConfigResults> readAll(Path results) {
        if (!Files.isDirectory(results)) {
            return List.of();
        }
        List<Path> dirs;
        try (Stream<Path> children = Files.list(results)) {
            dirs = children.filter(dir -> Files.isRegularFile(dir.resolve(RunRecord.FILE))).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + results, e);
        }
        List<String> order = List.of("tuned", "fprocess", "defaults");
        dirs.sort((a, b) -> Integer.compare(rank(order, a), rank(order, b)));
        List<ConfigResults> all = new ArrayList<>();
        for (Path dir : dirs) {
            all.add(new ConfigResults(dir));
        }
        return all;
    }

    private static int rank(List<String> order, Path dir) {
        int index = order.indexOf(dir.getFileName().toString());
        return index < 0 ? order.size() : index;
    }

    String name() {
        return record.config;
    }

    Stats codeEntries() {
        return Stats.of(flow.where(s -> s.label().equals(DEPOSIT_ENTRY) || s.label().equals(PICKUP_ENTRY)));
    }

    int doorBusyRetries() {
        return flow.where(s -> s.label().endsWith(BUSY)).size();
    }

    /** Load steps in the order they ran: label "validate x50" etc. */
    List<String> loadLabels() {
        return load.samples().stream().map(Sample::label).filter(l -> l.matches("(validate|user insert) x[0-9]+"))
                .distinct().collect(Collectors.toList());
    }

    Stats loadStep(String call, int threads) {
        return Stats.of(load.labelled(call + " x" + threads));
    }

    /** The median of a hop route in µs, or -1 when it was not measured. */
    double hopMedian(String route) {
        return percentileMicros(route, 50);
    }

    double percentileMicros(String route, double p) {
        List<Double> times = record.hopMicros == null ? null : record.hopMicros.get(route);
        if (times == null || times.isEmpty()) {
            return -1;
        }
        List<Double> sorted = new ArrayList<>(times);
        sorted.sort(Double::compare);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    int hopRounds(String route) {
        List<Double> times = record.hopMicros == null ? null : record.hopMicros.get(route);
        return times == null ? 0 : times.size();
    }
}

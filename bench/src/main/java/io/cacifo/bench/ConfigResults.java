package io.cacifo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** One configuration-run's results folder (one round of one configuration): its run.json and the samples of each JMeter run. */
final class ConfigResults {
    static final String FIRST_CALL = "user insert: first call";
    static final String INSERT = "user insert";
    static final String DEPOSIT_ENTRY = "code entry -> door open (deposit)";
    static final String PICKUP_ENTRY = "code entry -> door open (pick-up)";
    static final String CYCLE = "code flow: whole cycle";
    static final String BUSY = "[door busy, retried]";

    final int round;
    final RunRecord record;
    final Jtl afterDeploy;
    final Jtl warm;
    final Jtl flow;
    final Jtl load;

    ConfigResults(Path dir, int round) {
        this.round = round;
        record = RunRecord.read(dir);
        afterDeploy = Jtl.read(dir.resolve(Plans.AFTER_DEPLOY).resolve("latency-insert.csv"));
        warm = Jtl.read(dir.resolve(Plans.WARM).resolve("latency-insert.csv"));
        flow = Jtl.read(dir.resolve(Plans.CODE_FLOW).resolve("code-flow.csv"));
        load = Jtl.read(dir.resolve(Plans.LOAD).resolve("load.csv"));
    }

    /**
     * Every configuration under {@code results} with its rounds ({@code <config>/round-<n>/run.json};
     * a {@code <config>/run.json} of the older one-round layout reads as round 1), in the order tuned,
     * fprocess, defaults, monolith, arm64, then others.
     */
    static List<ConfigRounds> readAll(Path results) {
        if (!Files.isDirectory(results)) {
            return List.of();
        }
        List<ConfigRounds> all = new ArrayList<>();
        for (Path dir : children(results)) {
            List<ConfigResults> rounds = new ArrayList<>();
            if (Files.isRegularFile(dir.resolve(RunRecord.FILE))) {
                rounds.add(new ConfigResults(dir, 1));
            }
            for (Path roundDir : children(dir)) {
                int round = Rounds.number(roundDir);
                if (round > 0 && Files.isRegularFile(roundDir.resolve(RunRecord.FILE))) {
                    rounds.add(new ConfigResults(roundDir, round));
                }
            }
            if (!rounds.isEmpty()) {
                rounds.sort(Comparator.comparingInt(r -> r.round));
                all.add(new ConfigRounds(rounds));
            }
        }
        List<String> order = List.of("tuned", "fprocess", "defaults", "monolith", "arm64");
        all.sort(Comparator.comparingInt((ConfigRounds c) -> order.contains(c.name()) ? order.indexOf(c.name()) : order.size())
                .thenComparing(ConfigRounds::name));
        return all;
    }

    private static List<Path> children(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir, e);
        }
    }

    /** Average cores others used during a step, if it was measured. */
    Optional<Double> foreignCores(String step) {
        return Optional.ofNullable(record.foreignCores == null ? null : record.foreignCores.get(step));
    }

    /** Whether others used more than {@link ForeignCpu#BUSY_CORES} during the step. */
    boolean busy(String step) {
        return foreignCores(step).map(cores -> cores > ForeignCpu.BUSY_CORES).orElse(false);
    }

    String name() {
        return record.config;
    }

    Stats codeEntries() {
        return Stats.of(measuredFlow(s -> s.label().equals(DEPOSIT_ENTRY) || s.label().equals(PICKUP_ENTRY)));
    }

    Stats cycles() {
        return Stats.of(measuredFlow(s -> s.label().equals(CYCLE)));
    }

    int doorBusyRetries() {
        return measuredFlow(s -> s.label().endsWith(BUSY)).size();
    }

    /**
     * The code flow's samples after its warm-up cycles (one screen, so cycles run one after another):
     * those that began once the last warm-up cycle had ended.
     */
    List<Sample> measuredFlow(Predicate<Sample> filter) {
        int warmup = record.codeFlowWarmupCycles;
        if (warmup <= 0) {
            return flow.where(filter);
        }
        List<Sample> cycles = new ArrayList<>(flow.labelled(CYCLE));
        if (cycles.size() <= warmup) {
            return List.of();
        }
        cycles.sort(Comparator.comparingLong(Sample::startMs));
        long measuredFrom = cycles.get(warmup - 1).endMs();
        return flow.where(s -> s.startMs() >= measuredFrom && filter.test(s));
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

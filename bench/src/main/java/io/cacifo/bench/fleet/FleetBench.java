package io.cacifo.bench.fleet;

import io.cacifo.bench.LoadAverage;
import io.cacifo.bench.Machine;
import io.cacifo.devstack.Main;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bin/fleet-bench [--quick] [--sizes 10,100,1000] [--stores federation,remote-write,victoria-metrics]}
 *
 * <p>For each fleet size, starts a {@link FleetSimulator} and then, one at a time, each central
 * store ({@link Store}) fed through its real path; measures it ({@link FleetRun}) and stops it.
 * Writes the tables to bench/target/fleet-bench/results.md and, for a full run, into docs/fleet.md
 * between its markers. {@code --quick}: 10 lockers, short windows, results file only.
 */
public final class FleetBench {
    /** Longer than prometheus-federate.yml's 10 s scrape timeout, so a TIMEOUT locker really times out. */
    private static final Duration HOLD = Duration.ofSeconds(15);

    private FleetBench() {
    }

    public static void main(String[] args) throws IOException {
        Path repo = Main.repoRoot(Path.of("").toAbsolutePath());
        boolean quick = false;
        List<Integer> sizes = List.of(10, 100, 1000);
        List<Store> stores = List.of(Store.values());
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick":
                    quick = true;
                    break;
                case "--sizes":
                    sizes = sizes(args[++i]);
                    break;
                case "--stores":
                    stores = stores(args[++i]);
                    break;
                default:
                    System.err.println("usage: bin/fleet-bench [--quick] [--sizes 10,100,1000]"
                            + " [--stores federation,remote-write,victoria-metrics]");
                    System.exit(2);
            }
        }
        Plan plan = quick ? Plan.quick(stores) : Plan.full(sizes, stores);
        Path work = repo.resolve("bench/target/fleet-bench");
        deleteTree(work);
        Files.createDirectories(work);
        Instant started = Instant.now();
        System.out.printf(Locale.ROOT, "[fleet-bench] %s lockers × %d stores; about %d min in all (until about %s UTC)%n",
                plan.fleetSizes, plan.stores.size(), plan.total().toMinutes() + 1,
                started.plus(plan.total()).truncatedTo(ChronoUnit.MINUTES).toString().substring(11, 16));
        FleetRun run = new FleetRun(plan, repo, work, System.out);
        List<RunResult> results = new ArrayList<>();
        for (int lockers : plan.fleetSizes) {
            try (FleetSimulator simulator = new FleetSimulator(lockers, HOLD, 0).start()) {
                for (Store store : plan.stores) {
                    results.add(run.run(simulator, store));
                }
            }
        }
        Duration took = Duration.between(started, Instant.now());
        String header = String.format(Locale.ROOT, "Run of %s UTC, `bin/fleet-bench%s`, %d min %d s in all. "
                        + "Machine: %s; %s. 1-minute load average when the run ended: %.2f "
                        + "(other work shared the machine: see \"Noise\").%n",
                started.truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", ""),
                args.length == 0 ? "" : " " + String.join(" ", args), took.toMinutes(), took.toSecondsPart(),
                Machine.describe(), versions(), LoadAverage.oneMinute());
        String section = FleetReport.markdown(results, header);
        Path out = work.resolve("results.md");
        Files.writeString(out, section, StandardCharsets.UTF_8);
        System.out.println(section);
        System.out.println("[fleet-bench] results in " + repo.relativize(out));
        if (!quick) {
            Path doc = repo.resolve("docs/fleet.md");
            if (Files.isRegularFile(doc)) {
                String before = Files.readString(doc, StandardCharsets.UTF_8);
                String after = FleetReport.replaceSection(before, section);
                if (!after.equals(before)) {
                    Files.writeString(doc, after, StandardCharsets.UTF_8);
                    System.out.println("[fleet-bench] docs/fleet.md updated");
                }
            }
        }
        boolean failed = results.stream().anyMatch(r -> !r.problems.isEmpty());
        System.exit(failed ? 1 : 0);
    }

    private static String versions() {
        // Debian's victoria-metrics is built without a version string (-version prints nothing): ask dpkg.
        return "Prometheus " + version("prometheus", "--version") + ", VictoriaMetrics "
                + version("dpkg-query", "-W", "-f=${Version}", "victoria-metrics");
    }

    private static String version(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("v?(\\d+\\.\\d+\\.\\d+)").matcher(text);
            return m.find() ? m.group(1) : "?";
        } catch (IOException e) {
            return "not found";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    static List<Integer> sizes(String text) {
        List<Integer> sizes = new ArrayList<>();
        for (String part : text.split(",")) {
            int size = Integer.parseInt(part.trim());
            if (size < 1 || size > 9999) {
                throw new IllegalArgumentException("--sizes: each fleet size must be 1 to 9999 (locker-NNNN), got " + size);
            }
            sizes.add(size);
        }
        return sizes;
    }

    static List<Store> stores(String text) {
        List<Store> stores = new ArrayList<>();
        for (String part : text.split(",")) {
            switch (part.trim()) {
                case "federation":
                    stores.add(Store.FEDERATION);
                    break;
                case "remote-write":
                    stores.add(Store.REMOTE_WRITE_PROMETHEUS);
                    break;
                case "victoria-metrics":
                    stores.add(Store.REMOTE_WRITE_VICTORIA);
                    break;
                default:
                    throw new IllegalArgumentException("--stores: federation, remote-write or victoria-metrics, got " + part);
            }
        }
        return stores;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}

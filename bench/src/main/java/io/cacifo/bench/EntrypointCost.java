package io.cacifo.bench;

import io.cacifo.devstack.DevStackSettings;
import io.cacifo.devstack.process.KitArchive;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What the entrypoint's JVM series cost a function: {@code bin/entrypoint-cost --before <commit>
 * [--after <commit>] [--runs N]} builds both commits' entrypoint ({@link EntrypointApp}) and starts
 * each, alone, under each way a function's JVM runs (the Dockerfile's flags without and with the
 * image's AppCDS archive, the devstack's tuned flags with its kit archive, and a control with the
 * heap touched at start), N times each,
 * interleaved: before then after in odd rounds, after then before in even ones (A B B A), so a
 * machine getting busier or quieter weighs on both alike. Each run: start to the first 200 answer
 * (a call every 2 ms), RSS and PSS (smaps_rollup) 1 s after it, one {@code GET /metrics}, RSS and
 * PSS 1 s after that. Prints the medians and ranges as a Markdown table (docs/performance.md,
 * "The JVM series' cost") and writes every run to {@code bench/target/entrypoint-cost/runs.csv}.
 */
public final class EntrypointCost {
    private static final long PROBE_EVERY_MS = 2;
    private static final long SETTLE_MS = 1000;
    private static final long START_WITHIN_MS = 30_000;

    /** One way to run a function's JVM: a name and each app's command line. */
    private static final class Config {
        final String name;
        final Map<EntrypointApp, List<String>> commands = new LinkedHashMap<>();

        Config(String name) {
            this.name = name;
        }
    }

    /** One start of one app under one configuration. */
    static final class Run {
        final String config;
        final String app;
        final int round;
        final long startMs;
        final ProcessMemory afterStart;
        final long scrapeMs;
        final ProcessMemory afterScrape;
        final int seriesInScrape;

        Run(String config, String app, int round, long startMs, ProcessMemory afterStart, long scrapeMs, ProcessMemory afterScrape,
            int seriesInScrape) {
            this.config = config;
            this.app = app;
            this.round = round;
            this.startMs = startMs;
            this.afterStart = afterStart;
            this.scrapeMs = scrapeMs;
            this.afterScrape = afterScrape;
            this.seriesInScrape = seriesInScrape;
        }
    }

    private EntrypointCost() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int runs = Integer.parseInt(options.getOrDefault("--runs", "10"));
        String beforeCommit = options.get("--before");
        if (beforeCommit == null) {
            System.err.println("usage: bin/entrypoint-cost --before <commit> [--after <commit>] [--runs N]");
            System.exit(2);
        }
        Path repo = Path.of("").toAbsolutePath();
        Path out = repo.resolve("bench/target/entrypoint-cost");
        System.out.println("[entrypoint-cost] building " + beforeCommit + " and " + options.getOrDefault("--after", "HEAD"));
        EntrypointApp before = EntrypointApp.build(repo, beforeCommit, out.resolve("before"));
        EntrypointApp after = EntrypointApp.build(repo, options.getOrDefault("--after", "HEAD"), out.resolve("after"));
        List<Config> configs = configs(repo, List.of(before, after));

        List<Run> all = new ArrayList<>();
        System.out.printf(Locale.ROOT, "[entrypoint-cost] 1-minute load at the start: %.2f%n", LoadAverage.oneMinute());
        for (int round = 1; round <= runs; round++) {
            List<EntrypointApp> order = round % 2 == 1 ? List.of(before, after) : List.of(after, before);
            for (Config config : configs) {
                for (EntrypointApp app : order) {
                    Run run = measure(config.name, app == before ? "before" : "after", round, config.commands.get(app), out);
                    all.add(run);
                    System.out.printf("[entrypoint-cost] %s %s round %d: start %d ms, RSS %.1f / %.1f MiB, first scrape %d ms, %d series%n",
                            run.config, run.app, round, run.startMs, run.afterStart.rssMb(), run.afterScrape.rssMb(), run.scrapeMs,
                            run.seriesInScrape);
                }
            }
        }
        System.out.printf(Locale.ROOT, "[entrypoint-cost] 1-minute load at the end: %.2f%n", LoadAverage.oneMinute());
        writeCsv(all, out.resolve("runs.csv"));
        System.out.println();
        System.out.println(EntrypointCostTable.markdown(all, configs.stream().map(c -> c.name).collect(Collectors.toList()), runs));
    }

    private static List<Config> configs(Path repo, List<EntrypointApp> apps) throws Exception {
        List<String> dockerfile = DockerfileFlags.of(Files.readString(repo.resolve("template/java11-maven/Dockerfile"))).stream()
                .filter(flag -> !flag.startsWith("-XX:SharedArchiveFile=")).collect(Collectors.toList());
        List<String> jvmFlags = dockerfile.stream().filter(flag -> !flag.startsWith("-Xshare:")).collect(Collectors.toList());
        List<String> tuned = Arrays.asList(DevStackSettings.defaultJvmFlags().split(" "));
        Config plain = new Config("fprocess, no archive");
        Config appCds = new Config("fprocess + AppCDS");
        Config kit = new Config("tuned + kit archive");
        // A control, not a way functions run: the whole heap touched at start, so what a scrape adds
        // is told apart from heap pages its garbage touches first (which any traffic touches too).
        Config touched = new Config("fprocess, heap touched at start (control)");
        List<String> pretouched = new ArrayList<>(dockerfile.stream().filter(flag -> !flag.startsWith("-Xms")).collect(Collectors.toList()));
        pretouched.addAll(List.of("-Xms16m", "-XX:+AlwaysPreTouch"));
        for (EntrypointApp app : apps) {
            plain.commands.put(app, command(dockerfile, app.classPath()));
            touched.commands.put(app, command(pretouched, app.classPath()));
            Path archive = app.appCds(jvmFlags);
            List<String> withArchive = new ArrayList<>(dockerfile);
            withArchive.add("-XX:SharedArchiveFile=" + archive);
            List<String> appCdsCommand = new ArrayList<>(List.of(EntrypointApp.java()));
            appCdsCommand.addAll(withArchive);
            appCdsCommand.addAll(List.of("@" + archive.resolveSibling("classpath.argfile"), EntrypointApp.MAIN));
            appCds.commands.put(app, appCdsCommand);
            KitArchive archiveOfKit = app.kitArchive(tuned);
            kit.commands.put(app, command(archiveOfKit.flags(tuned), archiveOfKit.classPath(app.functionJar, app.lib)));
        }
        return List.of(plain, appCds, kit, touched);
    }

    private static List<String> command(List<String> flags, List<Path> classPath) {
        List<String> command = new ArrayList<>(List.of(EntrypointApp.java()));
        command.addAll(flags);
        command.add("-cp");
        command.add(classPath.stream().map(Path::toString).collect(Collectors.joining(":")));
        command.add(EntrypointApp.MAIN);
        return command;
    }

    static Run measure(String config, String app, int round, List<String> command, Path out) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path log = out.resolve("last-run.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("upstream_port", Integer.toString(port));
        String base = "http://127.0.0.1:" + port;
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            while (status(base + "/?action=probe", "POST") != 200) {
                if (!process.isAlive() || System.nanoTime() - started > TimeUnit.MILLISECONDS.toNanos(START_WITHIN_MS)) {
                    throw new IllegalStateException(config + " " + app + " did not answer:\n" + Files.readString(log));
                }
                Thread.sleep(PROBE_EVERY_MS);
            }
            long startMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            Thread.sleep(SETTLE_MS);
            ProcessMemory afterStart = ProcessMemory.of(process.pid());
            long scrapeStarted = System.nanoTime();
            String scrape = body(base + "/metrics");
            long scrapeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - scrapeStarted);
            Thread.sleep(SETTLE_MS);
            ProcessMemory afterScrape = ProcessMemory.of(process.pid());
            int series = (int) scrape.lines().filter(line -> !line.isEmpty() && !line.startsWith("#")).count();
            return new Run(config, app, round, startMs, afterStart, scrapeMs, afterScrape, series);
        } finally {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int status(String url, String method) {
        try {
            HttpURLConnection call = (HttpURLConnection) URI.create(url).toURL().openConnection(Proxy.NO_PROXY);
            call.setConnectTimeout(1000);
            call.setReadTimeout(5000);
            call.setRequestMethod(method);
            int status = call.getResponseCode();
            try (InputStream in = status >= 400 ? call.getErrorStream() : call.getInputStream()) {
                if (in != null) {
                    in.readAllBytes();
                }
            }
            return status;
        } catch (IOException notYet) {
            // Refused or reset while the JVM binds its port: the probe goes on.
            return -1;
        }
    }

    private static String body(String url) throws IOException {
        HttpURLConnection call = (HttpURLConnection) URI.create(url).toURL().openConnection(Proxy.NO_PROXY);
        call.setConnectTimeout(1000);
        call.setReadTimeout(10_000);
        if (call.getResponseCode() != 200) {
            throw new IllegalStateException(url + " answered " + call.getResponseCode());
        }
        try (InputStream in = call.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void writeCsv(List<Run> runs, Path file) throws IOException {
        List<String> lines = new ArrayList<>(List.of("config,app,round,start_ms,rss_after_start_kb,pss_after_start_kb,"
                + "first_scrape_ms,rss_after_scrape_kb,pss_after_scrape_kb,series"));
        for (Run run : runs) {
            lines.add(String.join(",", run.config, run.app, Integer.toString(run.round), Long.toString(run.startMs),
                    Long.toString(run.afterStart.rssKb()), Long.toString(run.afterStart.pssKb()), Long.toString(run.scrapeMs),
                    Long.toString(run.afterScrape.rssKb()), Long.toString(run.afterScrape.pssKb()), Integer.toString(run.seriesInScrape)));
        }
        Files.write(file, lines);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }
}

package io.cacifo.e2e.soak;

import io.cacifo.devstack.DevStack;
import io.cacifo.devstack.DevStackSettings;
import io.cacifo.devstack.Main;
import io.cacifo.devstack.demo.DemoParcel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A bounded soak of a fresh devstack: {@code bin/soak [minutes] [requests-per-second]} (20 min,
 * 200/s) of mixed traffic on loopback ({@link SoakLoad}), the RSS of every function sampled every
 * few seconds ({@link RssSampler}), and the numbers written to docs/soak.md ({@link SoakReport}).
 * Exits 1 when a request failed or a function's memory kept growing. Not part of CI.
 */
public final class Soak {
    private static final int WORKERS = 12;
    /** The simulator closes an opened door by itself after this long, so parcels go round unattended. */
    private static final long AUTO_CLOSE_MS = 200;

    private Soak() {
    }

    public static void main(String[] args) throws Exception {
        double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        double perSecond = args.length > 1 ? Double.parseDouble(args[1]) : 200;
        if (minutes <= 0 || minutes > 24 * 60 || perSecond <= 0 || perSecond > 2000) {
            throw new IllegalArgumentException("usage: bin/soak [minutes 0-1440] [requests per second 1-2000]");
        }
        long seconds = Math.round(minutes * 60);
        // At least ~20 samples, at most one every 30 s.
        long sampleSeconds = Math.max(2, Math.min(30, seconds / 20));
        Path root = Main.repoRoot(Path.of("").toAbsolutePath());
        Instant started = Instant.now();
        try (DevStack stack = DevStack.start(DevStackSettings.forTests(root).withAutoCloseMs(AUTO_CLOSE_MS))) {
            Set<Integer> demoDoors = stack.demoParcels().stream().map(DemoParcel::door).collect(Collectors.toSet());
            List<Integer> spare = stack.doorLayout().doors().stream().filter(door -> !demoDoors.contains(door))
                    .collect(Collectors.toList());
            RssSampler rss = new RssSampler(stack.deployedFunctions(),
                    name -> stack.functionProcess(name).map(ProcessHandle::pid).orElse(-1L));
            SoakLoad load = new SoakLoad(stack, spare, perSecond, seconds);
            long t0 = System.nanoTime();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "rss-sampler");
                thread.setDaemon(true);
                return thread;
            });
            sampler.scheduleAtFixedRate(() -> rss.sample((System.nanoTime() - t0) / 60e9), 0, sampleSeconds, TimeUnit.SECONDS);
            System.out.printf("[soak] %.1f min at %.0f requests/s on %d doors; RSS sampled every %d s%n",
                    minutes, perSecond, spare.size(), sampleSeconds);
            load.run(WORKERS);
            sampler.shutdown();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
            rss.sample((System.nanoTime() - t0) / 60e9);
            double elapsed = (System.nanoTime() - t0) / 1e9;

            SoakReport report = new SoakReport(started, elapsed, perSecond, WORKERS, spare.size(), AUTO_CLOSE_MS,
                    stack.settings().jvmFlags(), load, rss);
            String text = report.markdown();
            Files.writeString(root.resolve("docs").resolve("soak.md"), text, StandardCharsets.UTF_8);
            System.out.println(text);
            System.out.println("[soak] written to docs/soak.md");
            if (!report.passed()) {
                System.exit(1);
            }
        }
    }
}

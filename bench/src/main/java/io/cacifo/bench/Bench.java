package io.cacifo.bench;

import io.cacifo.devstack.DevStack;
import io.cacifo.devstack.DevStackSettings;
import io.cacifo.devstack.Main;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/bench [gateway-url] [--configs tuned,fprocess,defaults,monolith,arm64] [--rounds 2] [--quick: 1 round of tuned,defaults,monolith] [--report-only] [--no-wait] | --hold}
 *
 * <p>Without a URL: in each round ({@link Rounds}: the second in reverse order), for each JVM
 * configuration, waits for a quiet machine, runs {@link BenchRun} in a JVM of its own with
 * DEVSTACK_JVM_FLAGS set (a fresh devstack each) into {@code jmeter/results/<config>/round-<n>/},
 * then writes docs/performance.md.
 * With a URL (a real locker): runs the JMeter plans against it, signing with the keys in the folder
 * BENCH_SECRETS_DIR names (internal-hmac-key, and backend-private-key and locker-private-key or
 * BENCH_LOCKER_KEY once the locker requires them); memory, start-up and the hop need the devstack.
 * {@code --hold} only starts a devstack as the bench does and prints how to run a plan against it.
 */
public final class Bench {
    static final double QUIET_LOAD = 1.5;
    static final String ALL_CONFIGS = "tuned,fprocess,defaults,monolith,arm64";
    static final String QUICK_CONFIGS = "tuned,defaults,monolith";
    /** The command of the run whose results jmeter/results holds, for the report (also after --report-only). */
    static final String COMMAND_FILE = "command.txt";

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Main.repoRoot(Path.of("").toAbsolutePath());
        URI gateway = null;
        String configs = null;
        String sizes = "full";
        boolean reportOnly = false;
        boolean wait = true;
        Integer rounds = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--configs":
                    configs = args[++i];
                    break;
                case "--rounds":
                    rounds = Integer.parseInt(args[++i]);
                    break;
                case "--quick":
                    sizes = "quick";
                    break;
                case "--report-only":
                    reportOnly = true;
                    break;
                case "--no-wait":
                    wait = false;
                    break;
                case "--hold":
                    hold(root);
                    return;
                default:
                    if (args[i].startsWith("--") || gateway != null) {
                        System.err.println("usage: bin/bench [gateway-url] [--configs tuned,fprocess,defaults,monolith,arm64,name=flags] [--rounds n] [--quick]"
                                + " [--report-only] [--no-wait] | bin/bench --hold");
                        System.exit(2);
                    }
                    gateway = URI.create(args[i]);
            }
        }
        boolean quick = "quick".equals(sizes);
        // --quick checks the bench itself in a few minutes: one round of the three the targets need.
        configs = configs != null ? configs : quick ? QUICK_CONFIGS : ALL_CONFIGS;
        rounds = rounds != null ? rounds : quick ? 1 : Rounds.DEFAULT;
        Path results = root.resolve("jmeter").resolve("results");
        if (!reportOnly) {
            // One run, one report: configurations of an earlier run would mix with this one's.
            Snapshot.delete(results);
            Files.createDirectories(results);
            Files.writeString(results.resolve(COMMAND_FILE), command(args), StandardCharsets.UTF_8);
            if (gateway == null) {
                List<JvmConfig> chosen = JvmConfig.select(root, configs);
                Path build = Snapshot.of(root, root.resolve("bench").resolve("target").resolve("snapshot"));
                for (Rounds.Slot slot : Rounds.order(chosen, rounds)) {
                    if (wait) {
                        LoadAverage.awaitBelow(QUIET_LOAD, Duration.ofMinutes(15), System.out);
                    }
                    System.out.println("[bench] round " + slot.round + ": " + slot.config.name());
                    runLocal(root, build, slot.config, Rounds.folder(results, slot.config.name(), slot.round), sizes);
                }
            } else {
                for (int round = 1; round <= rounds; round++) {
                    runRemote(root, gateway, Rounds.folder(results, "remote", round), Sizes.named(sizes), wait);
                }
            }
        }
        Path commandFile = results.resolve(COMMAND_FILE);
        String command = Files.isRegularFile(commandFile) ? Files.readString(commandFile, StandardCharsets.UTF_8).trim() : "bin/bench";
        Path report = root.resolve("docs").resolve("performance.md");
        ReportFile.write(report, new Report(ConfigResults.readAll(results), command).markdown());
        System.out.println("[bench] report: " + root.relativize(report) + "; results and dashboards: "
                + root.relativize(results) + "/");
    }

    /** The run's command line as a person would type it again (arguments with spaces quoted). */
    static String command(String[] args) {
        StringBuilder command = new StringBuilder("bin/bench");
        for (String arg : args) {
            command.append(' ').append(arg.contains(" ") ? "'" + arg + "'" : arg);
        }
        return command.toString();
    }

    /** A devstack as the bench starts it, until Ctrl-C, for running and editing plans by hand. */
    private static void hold(Path root) throws InterruptedException {
        DevStack stack = DevStack.start(DevStackSettings.forTests(root).withAutoCloseMs(BenchRun.AUTO_CLOSE_MS));
        System.out.println("\ndevstack for the plans is up (Ctrl-C stops it)\n  gateway " + stack.gatewayUrl()
                + "\n  secrets " + stack.secretsDir() + "\n  logs    " + stack.logsDir());
        for (String function : stack.deployedFunctions()) {
            stack.functionProcess(function).ifPresent(process -> System.out.println("  " + function + " on port "
                    + FunctionPort.of(process.pid()) + ", pid " + process.pid()));
        }
        System.out.println("\nrun a plan:\n  mvn -B -f jmeter/pom.xml clean verify -Dplan=latency-insert -Dgateway.port="
                + stack.gatewayUrl().getPort() + " -Dsecrets.dir=" + stack.secretsDir() + " -Dout=$PWD/jmeter/results/manual");
        new java.util.concurrent.CountDownLatch(1).await();
    }

    /** A JVM of its own, because the devstack reads the functions' flags from its environment. */
    private static void runLocal(Path root, Path build, JvmConfig config, Path out, String sizes) throws InterruptedException {
        Snapshot.delete(out);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The gateway and the back-end stand-in run in this JVM: sized like bin/demo's.
                "-XX:+UseSerialGC", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), BenchRun.class.getName(),
                config.name(), out.toString(), sizes, config.meaning(), build.toString(), config.kind().name()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).inheritIO();
        builder.environment().put("DEVSTACK_JVM_FLAGS", config.flags());
        builder.environment().put(ForeignCpu.ROOT_PID_ENV, Long.toString(ProcessHandle.current().pid()));
        int exit;
        try {
            exit = builder.start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the bench run for " + config.name(), e);
        }
        if (exit != 0) {
            System.err.println("[bench] the " + config.name() + " run failed (exit " + exit + "); the report leaves it out");
        }
    }

    private static void runRemote(Path root, URI gateway, Path out, Sizes sizes, boolean wait) throws InterruptedException {
        String secrets = System.getenv("BENCH_SECRETS_DIR");
        if (secrets == null || secrets.isBlank()) {
            System.err.println("bin/bench " + gateway + ": set BENCH_SECRETS_DIR to a folder holding the locker's "
                    + "internal-hmac-key (and backend-private-key, locker-private-key once it requires them)");
            System.exit(2);
        }
        if (wait) {
            LoadAverage.awaitBelow(QUIET_LOAD, Duration.ofMinutes(15), System.out);
        }
        Snapshot.delete(out);
        RunRecord record = new RunRecord();
        record.config = "remote";
        record.flags = "(as deployed)";
        record.meaning = "the locker at " + gateway;
        record.gateway = gateway.toString();
        record.local = false;
        record.startedAt = Instant.now();
        record.loadBefore = LoadAverage.oneMinute();
        record.java = "as deployed";
        record.machine = Machine.describe();
        record.ecdsaForBackendActions = Files.isRegularFile(Path.of(secrets, "backend-private-key"));
        record.notes.add("The first call is the first of this run, not necessarily the first after a deploy.");
        Plans plans = new Plans(root, gateway, Path.of(secrets), sizes);
        BenchRun.attempt(record, Plans.AFTER_DEPLOY, () -> plans.insertsAfterDeploy(out));
        BenchRun.attempt(record, Plans.WARM, () -> plans.insertsWarm(out));
        record.codeFlowWarmupCycles = sizes.flowWarmupCycles;
        BenchRun.attempt(record, Plans.CODE_FLOW, () -> plans.codeFlow(out));
        BenchRun.attempt(record, Plans.LOAD, () -> plans.load(out));
        record.finishedAt = Instant.now();
        record.loadAfter = LoadAverage.oneMinute();
        record.write(out);
    }
}

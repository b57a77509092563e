package io.cacifo.bench;

import io.cacifo.devstack.DevStack;
import io.cacifo.devstack.DevStackSettings;
import io.cacifo.devstack.process.FunctionMode;
import io.cacifo.devstack.stack.FunctionSpec;
import io.cacifo.kit.testing.StackYaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seven functions on Debian's arm64 OpenJDK under QEMU user-mode emulation, the rest of the
 * devstack (MariaDB, gateway, simulator, back-end stand-in) native: ARM64 evidence without a Pi.
 * First each function's AppCDS archive is made on the arm64 JDK with the template's appcds.sh (in
 * the build snapshot, beside its jars), then on a fresh devstack: each function's start to first
 * answer without its archive (moved aside) and with it, memory idle, the code-flow plan, memory
 * after it. Start-up and memory are the evidence; latency under emulation says nothing about a Pi
 * and is recorded only as the plan's results. A function's memory is its QEMU process's, which
 * holds the emulator's own code and its translated-code cache besides the JVM.
 */
final class EmulatedRun {
    /** Under emulation a function starts in seconds, not milliseconds, and at boot all seven start at once. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final long PROBE_GIVE_UP_MS = 180_000;
    /**
     * of-watchdog's timeouts of every function (stack.yaml: 10-55 s), which the devstack's gateway
     * keeps too: an emulated function's first calls (its code still interpreted) outlast 10 s.
     */
    private static final Map<String, String> WATCHDOG_TIMEOUTS =
            Map.of("exec_timeout", "120s", "read_timeout", "120s", "write_timeout", "120s");

    private EmulatedRun() {
    }

    static RunRecord run(Path root, Path build, JvmConfig config, Path results, Sizes sizes) throws InterruptedException {
        RunRecord record = RunRecord.local(config, EmulatedJava.ARM64_JAVA + " under " + EmulatedJava.QEMU);
        record.notes.add("Emulated: the functions ran on Debian's arm64 OpenJDK under QEMU user-mode emulation on this "
                + "x86 machine. Start-up and memory only; no latency claim. Each function's RSS and PSS are its QEMU "
                + "process's, with the emulator and its translated-code cache in them.");
        BenchRun.recorded(record, results, () -> {
            EmulatedJava.requireInstalled();
            buildArchives(root, build, config, results, record);
        });
        BenchRun.say(config, "starting a devstack whose functions run " + String.join(" ", EmulatedJava.command())
                + " " + config.flags());
        // Eager: the seven start at boot and the devstack waits for each; the bench times each start itself.
        // No Prometheus: its scrapes of every function's /metrics (database gauges) take emulated
        // functions longer than the scrape interval, pile up and hold the handler threads the plan needs.
        DevStackSettings settings = DevStackSettings.forTests(build).withAutoCloseMs(BenchRun.AUTO_CLOSE_MS)
                .withFunctionJava(EmulatedJava.command()).withFunctionStartTimeout(START_TIMEOUT)
                .withFunctionMode(FunctionMode.EAGER).withEnvironment(Map.of("DEVSTACK_PROMETHEUS", "off"))
                .withFunctionSettings(WATCHDOG_TIMEOUTS);
        BenchRun.onDevStack(record, results, settings, stack -> measure(root, build, config, results, sizes, record, stack));
        record.finish();
        BenchRun.say(config, "done");
        return record;
    }

    /** appcds.sh for each built function of the snapshot, one after another (each takes both cores' worth of emulation). */
    private static void buildArchives(Path root, Path build, JvmConfig config, Path results, RunRecord record)
            throws InterruptedException {
        for (FunctionSpec spec : specs(build)) {
            Path target = target(build, spec);
            if (!Files.isRegularFile(target.resolve("function.jar"))) {
                continue;
            }
            BenchRun.say(config, "AppCDS archive of " + spec.name() + " on the arm64 JDK (appcds.sh)");
            long started = System.nanoTime();
            String summary = EmulatedJava.buildArchive(root, target, config.flagList(),
                    results.resolve("appcds").resolve(spec.name() + ".log"));
            record.notes.add(spec.name() + ": " + summary.replace(target.toString(), "target") + ", made in "
                    + Math.round((System.nanoTime() - started) / 1e9) + " s under emulation");
        }
    }

    private static void measure(Path root, Path build, JvmConfig config, Path results, Sizes sizes, RunRecord record,
                                DevStack stack) throws InterruptedException {
        record.gateway = stack.gatewayUrl().toString();
        CallSigner signer = CallSigner.fromSecrets(stack.secretsDir());
        record.ecdsaForBackendActions = signer.signsBackendActionsWithEcdsa();
        FunctionCaller caller = new FunctionCaller(signer);
        Map<String, Integer> ports = BenchRun.ports(stack);
        StartupProbe probe = new StartupProbe(stack, caller, PROBE_GIVE_UP_MS);
        Map<String, Path> archives = new LinkedHashMap<>();
        for (FunctionSpec spec : specs(build)) {
            if (ports.containsKey(spec.name())) {
                archives.put(spec.name(), target(build, spec).resolve("app.jsa"));
            }
        }

        BenchRun.say(config, "start to first answer without the AppCDS archive, one function at a time");
        for (String function : stack.deployedFunctions()) {
            BenchRun.attempt(record, "start of " + function + " without its archive", () -> {
                Path archive = archives.get(function);
                Path aside = archive.resolveSibling("app.jsa.aside");
                move(archive, aside);
                try {
                    record.startupWithoutArchive.add(probe.measure(function, ports.get(function)));
                    requireMapped(stack, function, archive, false);
                } finally {
                    move(aside, archive);
                }
            });
        }
        BenchRun.say(config, "start to first answer with the AppCDS archive, one function at a time");
        for (String function : stack.deployedFunctions()) {
            BenchRun.attempt(record, "start of " + function, () -> {
                record.startup.add(probe.measure(function, ports.get(function)));
                requireMapped(stack, function, archives.get(function), true);
            });
        }
        BenchRun.attempt(record, Plans.MEMORY_IDLE, () -> {
            Thread.sleep(BenchRun.IDLE_SETTLE_MS);
            record.memoryIdle = BenchRun.memory(stack);
        });

        Plans plans = new Plans(root, stack.gatewayUrl(), stack.secretsDir(), sizes);
        BenchRun.attempt(record, Plans.CODE_FLOW, () -> {
            BenchRun.say(config, "deposit and pick-up cycles through screen-io (JMeter code-flow), emulated functions");
            // JMeter ends well whatever its samples say: the plan passes only with none failed.
            long failed = failures(plans.codeFlow(results));
            if (failed > 0) {
                throw new IllegalStateException("the code flow on the emulated functions had " + failed + " failed samples");
            }
        });
        BenchRun.attempt(record, Plans.MEMORY_AFTER_LOAD, () -> {
            Thread.sleep(BenchRun.AFTER_LOAD_SETTLE_MS);
            record.memoryAfterLoad = BenchRun.memory(stack);
        });
    }

    /** A start that did or did not use the archive as intended, or the measurement is not what it says. */
    private static void requireMapped(DevStack stack, String function, Path archive, boolean expected) {
        if (EmulatedJava.maps(BenchRun.pid(stack, function), archive) != expected) {
            throw new IllegalStateException(function + (expected ? " started without mapping " : " mapped ") + archive
                    + (expected ? " (its class path or flags differ from the archive's)" : " though it was moved aside"));
        }
    }

    private static long failures(Path samples) {
        return Jtl.read(samples).samples().stream().filter(sample -> !sample.success()).count();
    }

    private static List<FunctionSpec> specs(Path build) {
        return FunctionSpec.listIn(StackYaml.read(build.resolve("stack.yaml"), System.getenv()));
    }

    private static Path target(Path build, FunctionSpec spec) {
        return build.resolve(spec.handler()).normalize().resolve("target");
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not move " + from + " to " + to, e);
        }
    }
}

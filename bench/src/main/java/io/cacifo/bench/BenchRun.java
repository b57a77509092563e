package io.cacifo.bench;

import io.cacifo.devstack.DevStack;
import io.cacifo.devstack.DevStackSettings;
import io.cacifo.devstack.Main;
import io.cacifo.devstack.demo.DemoParcel;
import io.cacifo.devstack.process.FunctionMode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One JVM configuration on a fresh devstack, started by {@link Bench} with DEVSTACK_JVM_FLAGS set:
 * each function's start to first answer, memory idle, the gateway hop, the JMeter plans, memory
 * after them. Writes {@code run.json} and the plans' results into the folder it is given.
 *
 * <p>{@code DEVSTACK_JVM_FLAGS=<flags> java ... io.cacifo.bench.BenchRun <name> <results folder> <full|quick>
 * <what it is> <build snapshot>}: the devstack runs the {@link Snapshot}, the plans come from the repository.
 */
public final class BenchRun {
    /** The simulator closes an opened door by itself after this long, so parcel cycles run unattended. */
    static final long AUTO_CLOSE_MS = 200;
    static final long IDLE_SETTLE_MS = 5_000;
    static final long AFTER_LOAD_SETTLE_MS = 3_000;
    private static final ForeignCpu OTHERS = ForeignCpu.ofBench();

    private BenchRun() {
    }

    public static void main(String[] args) throws Exception {
        String flags = System.getenv("DEVSTACK_JVM_FLAGS");
        if (args.length < 6 || flags == null || flags.isBlank()) {
            System.err.println("usage: DEVSTACK_JVM_FLAGS=... BenchRun <name> <results folder> <full|quick> <what it is> "
                    + "<build snapshot> <kind> (bin/bench runs it)");
            System.exit(2);
        }
        Path root = Main.repoRoot(Path.of("").toAbsolutePath());
        JvmConfig config = new JvmConfig(args[0], flags, args[3], JvmConfig.Kind.valueOf(args[5]));
        Path results = Path.of(args[1]).toAbsolutePath();
        Path build = Path.of(args[4]).toAbsolutePath();
        if (config.kind() == JvmConfig.Kind.MONOLITH) {
            MonolithRun.run(root, build, config, results, Sizes.named(args[2])).write(results);
            return;
        }
        if (config.kind() == JvmConfig.Kind.EMULATED_ARM64) {
            EmulatedRun.run(root, build, config, results, Sizes.named(args[2])).write(results);
            return;
        }
        run(root, build, config, results, Sizes.named(args[2])).write(results);
    }

    static RunRecord run(Path root, Path build, JvmConfig config, Path results, Sizes sizes) throws InterruptedException {
        RunRecord record = RunRecord.local(config, Machine.java());
        say(config, "starting a devstack with " + config.flags());
        onDevStack(record, results, DevStackSettings.forTests(build).withAutoCloseMs(AUTO_CLOSE_MS),
                stack -> measure(root, config, results, sizes, record, stack));
        record.finish();
        say(config, "done");
        return record;
    }

    /**
     * Runs {@code measurement} on a devstack started with {@code settings}, keeping its logs in
     * {@code results}; a failure is noted in the record, which is written, and thrown on.
     */
    static void onDevStack(RunRecord record, Path results, DevStackSettings settings, Measurement measurement)
            throws InterruptedException {
        recorded(record, results, () -> {
            try (DevStack stack = DevStack.start(settings)) {
                try {
                    measurement.measure(stack);
                } finally {
                    // The devstack's state folder goes when it closes; its logs explain any failure above.
                    copyLogs(stack.logsDir(), results.resolve("logs"));
                }
            }
        });
    }

    /** Runs {@code work}; a failure is noted in the record, which is written to {@code results}, and thrown on. */
    static void recorded(RunRecord record, Path results, Work work) throws InterruptedException {
        try {
            work.run();
        } catch (RuntimeException e) {
            record.notes.add("the run stopped: " + e.getMessage());
            record.write(results);
            throw e;
        }
    }

    interface Measurement {
        void measure(DevStack stack) throws InterruptedException;
    }

    interface Work {
        void run() throws InterruptedException;
    }

    private static void measure(Path root, JvmConfig config, Path results, Sizes sizes, RunRecord record, DevStack stack)
            throws InterruptedException {
        record.gateway = stack.gatewayUrl().toString();
        CallSigner signer = CallSigner.fromSecrets(stack.secretsDir());
        record.ecdsaForBackendActions = signer.signsBackendActionsWithEcdsa();
        FunctionCaller caller = new FunctionCaller(signer);
        Map<String, Integer> ports = ports(stack);

        say(config, "start to first answer, one function at a time");
        StartupProbe probe = new StartupProbe(stack, caller);
        for (String function : stack.deployedFunctions()) {
            attempt(record, "start of " + function, () -> record.startup.add(probe.measure(function, ports.get(function))));
        }
        attempt(record, Plans.MEMORY_IDLE, () -> {
            Thread.sleep(IDLE_SETTLE_MS);
            record.memoryIdle = memory(stack);
        });

        Plans plans = new Plans(root, stack.gatewayUrl(), stack.secretsDir(), sizes);
        attempt(record, Plans.AFTER_DEPLOY, () -> {
            say(config, "user inserts right after user-manager starts (JMeter latency-insert)");
            stack.faults().killFunction("user-manager");
            stack.faults().startFunction("user-manager");
            plans.insertsAfterDeploy(results);
        });
        attempt(record, Plans.WARM, () -> {
            say(config, "user inserts, warm (JMeter latency-insert)");
            plans.insertsWarm(results);
        });
        attempt(record, Plans.HOP, () -> {
            say(config, "gateway hop: through the gateway and straight to the port");
            String code = stack.demoParcels().stream().map(DemoParcel::depositCode).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no demo parcel, so no valid code to validate"));
            record.hopMicros = new HopTimer(caller, stack.gatewayUrl(), ports, code)
                    .measure(sizes.hopWarmup, sizes.hopRounds);
        });
        attempt(record, Plans.CODE_FLOW, () -> {
            say(config, "deposit and pick-up cycles through screen-io (JMeter code-flow)");
            record.codeFlowWarmupCycles = sizes.flowWarmupCycles;
            plans.codeFlow(results);
        });
        attempt(record, Plans.LOAD, () -> {
            say(config, "load steps 1-100 threads (JMeter load)");
            ConnectionCounters before = ConnectionCounters.read(stack.mariaDb());
            plans.load(results);
            ConnectionCounters after = ConnectionCounters.read(stack.mariaDb());
            record.loadTcpOpened = after.tcpOpened - before.tcpOpened;
            record.loadDbConnections = after.dbConnections - before.dbConnections;
        });
        attempt(record, Plans.MEMORY_AFTER_LOAD, () -> {
            Thread.sleep(AFTER_LOAD_SETTLE_MS);
            record.memoryAfterLoad = memory(stack);
        });
        attempt(record, Plans.COLD_LOCKER, () -> {
            if (stack.settings().functionMode() != FunctionMode.FAASD) {
                throw new IllegalStateException("a power cut needs the faasd-like devstack (DEVSTACK_FUNCTIONS=faasd)");
            }
            say(config, "cold locker: power cut, boot, until a typed code opens a door");
            String code = stack.demoParcels().stream().map(DemoParcel::depositCode).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no demo parcel, so no code to type"));
            record.coldBoot = new ColdLocker(stack, caller, ports).measure(code);
        });
    }

    static void copyLogs(Path from, Path to) {
        try (Stream<Path> logs = Files.list(from)) {
            Files.createDirectories(to);
            for (Path log : (Iterable<Path>) logs::iterator) {
                Files.copy(log, to.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            System.err.println("[bench] could not keep the devstack's logs: " + e);
        }
    }

    /**
     * Runs one measurement; a failure is recorded (and printed) and the others still run. The CPU
     * others used meanwhile is recorded too, so the report can mark a step taken on a busy machine.
     */
    static void attempt(RunRecord record, String name, Step step) throws InterruptedException {
        Optional<ForeignCpu.Reading> before = OTHERS.read();
        try {
            step.run();
            record.plans.put(name, "ok");
        } catch (RuntimeException | IOException e) {
            record.plans.put(name, String.valueOf(e.getMessage()));
            System.err.println("[bench] " + name + " failed: " + e.getMessage());
        } finally {
            OTHERS.coresSince(before).ifPresent(cores -> record.foreignCores.put(name, cores));
        }
    }

    interface Step {
        void run() throws InterruptedException, IOException;
    }

    static Map<String, Integer> ports(DevStack stack) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String function : stack.deployedFunctions()) {
            ports.put(function, FunctionPort.of(pid(stack, function)));
        }
        return ports;
    }

    static Map<String, ProcessMemory> memory(DevStack stack) {
        Map<String, ProcessMemory> memory = new LinkedHashMap<>();
        for (String function : stack.deployedFunctions()) {
            memory.put(function, ProcessMemory.of(pid(stack, function)));
        }
        return memory;
    }

    static long pid(DevStack stack, String function) {
        return stack.functionProcess(function).filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .orElseThrow(() -> new IllegalStateException(function + " is not running; see " + stack.functionLog(function)));
    }

    static void say(JvmConfig config, String what) {
        say(config.name(), what);
    }

    static void say(String config, String what) {
        System.out.println("[bench " + Objects.toString(config) + "] " + what);
        System.out.flush();
    }
}

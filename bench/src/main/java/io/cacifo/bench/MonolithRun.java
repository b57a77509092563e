package io.cacifo.bench;

import io.cacifo.devstack.DevStack;
import io.cacifo.devstack.DevStackSettings;
import io.cacifo.devstack.process.FunctionMode;
import io.cacifo.kit.http.GatewayReply;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The thesis' monolith beside the functions ({@link JvmConfig.Kind#MONOLITH}): a fresh devstack with
 * the seven handlers in one JVM (DEVSTACK_FUNCTIONS=monolith), and the same JMeter plans as
 * {@link BenchRun} sent straight to the monolith's port, as the thesis' monolith had no gateway.
 * Start to first answer and memory are the one JVM's, recorded under the name {@value #NAME}; there
 * is no gateway hop to time.
 */
final class MonolithRun {
    /** The one entry in memoryIdle, memoryAfterLoad and startup. */
    static final String NAME = "monolith";
    /** Its first correct answer is user-manager's probe: all seven handlers are built before the server answers any. */
    private static final String PROBED = "user-manager";
    private static final long POLL_MS = 2;
    private static final long GIVE_UP_MS = 60_000;

    private MonolithRun() {
    }

    static RunRecord run(Path root, Path build, JvmConfig config, Path results, Sizes sizes) throws InterruptedException {
        RunRecord record = RunRecord.local(config, Machine.java());
        BenchRun.say(config, "starting a devstack with the monolith, " + config.flags());
        BenchRun.onDevStack(record, results, DevStackSettings.forTests(build).withAutoCloseMs(BenchRun.AUTO_CLOSE_MS)
                .withFunctionMode(FunctionMode.MONOLITH), stack -> measure(root, config, results, sizes, record, stack));
        record.finish();
        BenchRun.say(config, "done");
        return record;
    }

    private static void measure(Path root, JvmConfig config, Path results, Sizes sizes, RunRecord record, DevStack stack)
            throws InterruptedException {
        URI monolith = stack.monolithUrl().orElseThrow(() -> new IllegalStateException("the devstack runs no monolith"));
        record.gateway = monolith.toString();
        CallSigner signer = CallSigner.fromSecrets(stack.secretsDir());
        record.ecdsaForBackendActions = signer.signsBackendActionsWithEcdsa();
        FunctionCaller caller = new FunctionCaller(signer);
        record.notes.add("The monolith: the seven handlers in one JVM, calls between them in-process (still signed and"
                + " verified); the plans go straight to its port " + monolith.getPort() + ", with no gateway (so no hop is timed).");

        BenchRun.say(config, "start to first answer of the one JVM");
        BenchRun.attempt(record, "start of " + NAME, () -> record.startup.add(startup(stack, caller, monolith)));
        BenchRun.attempt(record, Plans.MEMORY_IDLE, () -> {
            Thread.sleep(BenchRun.IDLE_SETTLE_MS);
            record.memoryIdle = memory(stack);
        });

        Plans plans = new Plans(root, monolith, stack.secretsDir(), sizes);
        BenchRun.attempt(record, Plans.AFTER_DEPLOY, () -> {
            BenchRun.say(config, "user inserts right after the monolith starts (JMeter latency-insert)");
            stack.faults().killFunction(PROBED);
            stack.faults().startFunction(PROBED);
            plans.insertsAfterDeploy(results);
        });
        BenchRun.attempt(record, Plans.WARM, () -> {
            BenchRun.say(config, "user inserts, warm (JMeter latency-insert)");
            plans.insertsWarm(results);
        });
        BenchRun.attempt(record, Plans.CODE_FLOW, () -> {
            BenchRun.say(config, "deposit and pick-up cycles through screen-io (JMeter code-flow)");
            plans.codeFlow(results);
        });
        BenchRun.attempt(record, Plans.LOAD, () -> {
            BenchRun.say(config, "load steps 1-100 threads (JMeter load)");
            ConnectionCounters before = ConnectionCounters.read(stack.mariaDb());
            plans.load(results);
            ConnectionCounters after = ConnectionCounters.read(stack.mariaDb());
            record.loadTcpOpened = after.tcpOpened - before.tcpOpened;
            record.loadDbConnections = after.dbConnections - before.dbConnections;
        });
        BenchRun.attempt(record, Plans.MEMORY_AFTER_LOAD, () -> {
            Thread.sleep(BenchRun.AFTER_LOAD_SETTLE_MS);
            record.memoryAfterLoad = memory(stack);
        });
    }

    /**
     * The monolith killed and started again while the rest of the locker idles, and user-manager's
     * probe sent to its port every few ms from the moment the process is started, until it answers correctly.
     */
    private static StartupTime startup(DevStack stack, FunctionCaller caller, URI monolith) throws InterruptedException {
        ProbeCall probe = ProbeCall.forFunction(PROBED).orElseThrow();
        stack.faults().killFunction(PROBED);
        long started = System.nanoTime();
        CompletableFuture<Void> starting = CompletableFuture.runAsync(() -> stack.faults().startFunction(PROBED));
        Double listening = null;
        String last = "no answer";
        while (elapsedMs(started) < GIVE_UP_MS) {
            try {
                GatewayReply reply = caller.viaGateway(monolith, PROBED, probe.action, probe.body);
                if (listening == null) {
                    listening = elapsedMs(started);
                }
                last = reply.status() + " " + reply.body();
                if (reply.status() == probe.expectedStatus) {
                    double answered = elapsedMs(started);
                    awaitStarted(starting);
                    return new StartupTime(NAME, PROBED + " " + probe.describe(), listening, answered);
                }
            } catch (IOException notListeningYet) {
                // Connection refused until the JVM binds its port.
            }
            Thread.sleep(POLL_MS);
        }
        awaitStarted(starting);
        throw new IllegalStateException("the monolith gave no " + probe.describe() + " within " + GIVE_UP_MS
                + " ms of its start (last: " + last + "); see " + stack.functionLog(PROBED));
    }

    private static void awaitStarted(CompletableFuture<Void> starting) throws InterruptedException {
        try {
            starting.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the monolith did not start again: " + e.getMessage(), e);
        }
    }

    private static double elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e6;
    }

    private static Map<String, ProcessMemory> memory(DevStack stack) {
        long pid = stack.functionProcess(PROBED).filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .orElseThrow(() -> new IllegalStateException("the monolith is not running; see " + stack.functionLog(PROBED)));
        Map<String, ProcessMemory> memory = new LinkedHashMap<>();
        memory.put(NAME, ProcessMemory.of(pid));
        return memory;
    }
}

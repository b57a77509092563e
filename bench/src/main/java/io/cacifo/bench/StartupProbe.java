package io.cacifo.bench;

import io.cacifo.devstack.DevStack;
import io.cacifo.kit.http.GatewayReply;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Time from a function's process start to its first correct answer: the function is killed and
 * started again on its port while the rest of the locker idles, and a signed probe call is sent
 * straight to that port every few milliseconds from the moment the process is started. One
 * function at a time, so seven JVMs do not share two cores and each figure is its own.
 */
final class StartupProbe {
    private static final long POLL_MS = 2;
    private static final long GIVE_UP_MS = 30_000;

    private final DevStack stack;
    private final FunctionCaller caller;
    private final long giveUpMs;

    StartupProbe(DevStack stack, FunctionCaller caller) {
        this(stack, caller, GIVE_UP_MS);
    }

    /** {@code giveUpMs}: how long a start may take before it counts as failed (longer for an emulated JVM). */
    StartupProbe(DevStack stack, FunctionCaller caller, long giveUpMs) {
        this.stack = stack;
        this.caller = caller;
        this.giveUpMs = giveUpMs;
    }

    /** The result for one function; a function without a known probe call is restarted but not timed. */
    StartupTime measure(String function, int port) throws InterruptedException {
        ProbeCall probe = ProbeCall.forFunction(function).orElse(null);
        stack.faults().killFunction(function);
        long started = System.nanoTime();
        CompletableFuture<Void> starting = CompletableFuture.runAsync(() -> stack.faults().startFunction(function));
        if (probe == null) {
            awaitStarted(starting, function);
            return StartupTime.notProbed(function);
        }
        Double listening = null;
        String last = "no answer";
        while (elapsedMs(started) < giveUpMs) {
            try {
                GatewayReply reply = caller.call(port, function, probe.action, probe.body);
                if (listening == null) {
                    listening = elapsedMs(started);
                }
                last = reply.status() + " " + reply.body();
                if (reply.status() == probe.expectedStatus) {
                    double answered = elapsedMs(started);
                    awaitStarted(starting, function);
                    return new StartupTime(function, probe.describe(), listening, answered);
                }
            } catch (IOException notListeningYet) {
                // Connection refused until the JVM binds its port.
            }
            Thread.sleep(POLL_MS);
        }
        awaitStarted(starting, function);
        throw new IllegalStateException(function + " gave no " + probe.describe() + " within " + giveUpMs
                + " ms of its start (last: " + last + "); see " + stack.functionLog(function));
    }

    private void awaitStarted(CompletableFuture<Void> starting, String function) throws InterruptedException {
        try {
            // The devstack's own wait for the port ends by itself (its start timeout); this is a backstop.
            starting.get(Math.max(60_000, 2 * giveUpMs), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(function + " did not start again: " + e.getMessage(), e);
        }
    }

    private static double elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e6;
    }
}

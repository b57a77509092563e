package io.cacifo.bench;

import io.cacifo.devstack.DevStack;
import io.cacifo.kit.http.GatewayReply;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The locker after a power cut, in the faasd-like devstack: every function JVM, MariaDB, the board
 * and the gateway are killed at once, then booted as the Pi boots (MariaDB, gateway and board, then
 * the wake script). From the moment the boot starts, a valid deposit code is typed on screen-io's
 * main screen through the gateway every {@link #ENTRY_PAUSE_MS} until a reply says its door is open
 * (a person pressing "OK" again while the screen says the locker is starting), and each function's
 * own port is probed with its {@link ProbeCall} until it answers correctly. Nothing is waited for
 * before typing: the first call wakes what it needs, as on faasd.
 */
final class ColdLocker {
    static final long ENTRY_PAUSE_MS = 20;
    private static final long PROBE_PAUSE_MS = 5;
    private static final long GIVE_UP_MS = 60_000;
    private static final String SCREEN = "main";

    private final DevStack stack;
    private final FunctionCaller caller;
    private final Map<String, Integer> ports;

    ColdLocker(DevStack stack, FunctionCaller caller, Map<String, Integer> ports) {
        this.stack = stack;
        this.caller = caller;
        this.ports = ports;
    }

    /** {@code depositCode}: a parcel's code that opens its door once (it is deposited by this). */
    ColdBoot measure(String depositCode) throws InterruptedException {
        ColdBoot result = new ColdBoot();
        List<String> functions = stack.deployedFunctions();
        ExecutorService threads = Executors.newFixedThreadPool(functions.size() + 1, runnable -> {
            Thread thread = new Thread(runnable, "cold-locker");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<String, Long> before = new LinkedHashMap<>();
            for (String function : functions) {
                before.put(function, stack.functionProcess(function).map(ProcessHandle::pid).orElse(-1L));
            }
            stack.faults().powerCut();
            long boot = System.nanoTime();
            CompletableFuture<Duration> booted = CompletableFuture.supplyAsync(() -> stack.faults().boot(), threads);
            Map<String, CompletableFuture<Long>> ready = new LinkedHashMap<>();
            Map<String, Long> started = new java.util.concurrent.ConcurrentHashMap<>();
            for (String function : functions) {
                ready.put(function, CompletableFuture.supplyAsync(
                        () -> firstAnswer(function, before.get(function), boot, started), threads));
            }
            Entries entries = typeUntilOpen(depositCode, boot);
            result.firstOpenDoorMillis = entries.openedAfterMs;
            List<String> notes = new ArrayList<>();
            notes.add(entries.describe());
            try {
                result.wakeMillis = booted.get(GIVE_UP_MS, TimeUnit.MILLISECONDS).toMillis();
            } catch (Exception e) {
                notes.add("the boot failed: " + e.getMessage());
            }
            for (Map.Entry<String, CompletableFuture<Long>> function : ready.entrySet()) {
                record(result, function.getKey(), function.getValue(), started.get(function.getKey()), boot, notes);
            }
            result.note = String.join("; ", notes);
            return result;
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * ms since the boot start at which the function first answered its probe correctly; -1 if it never
     * did. Meanwhile notes in {@code started} when a new process ({@code oldPid} is the one cut) appeared.
     */
    private Long firstAnswer(String function, long oldPid, long boot, Map<String, Long> started) {
        ProbeCall probe = ProbeCall.forFunction(function).orElse(null);
        Integer port = ports.get(function);
        while (probe != null && port != null && elapsedMs(boot) < GIVE_UP_MS) {
            if (!started.containsKey(function) && stack.functionProcess(function)
                    .filter(process -> process.isAlive() && process.pid() != oldPid).isPresent()) {
                started.put(function, elapsedMs(boot));
            }
            try {
                GatewayReply reply = caller.call(port, function, probe.action, probe.body);
                if (reply.status() == probe.expectedStatus || startingScreen(function, reply)) {
                    return elapsedMs(boot);
                }
            } catch (IOException notListeningYet) {
                // Refused until the JVM binds its port.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1L;
            }
            try {
                Thread.sleep(PROBE_PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1L;
            }
        }
        return -1L;
    }

    /** screen-io's own "the locker is starting" is screen-io answering: the rest of the chain is not its start. */
    private static boolean startingScreen(String function, GatewayReply reply) {
        return "screen-io".equals(function) && reply.status() == 503 && "starting".equals(reply.error());
    }

    private Entries typeUntilOpen(String code, long boot) throws InterruptedException {
        Entries entries = new Entries();
        URI gateway = stack.gatewayUrl();
        String body = "{\"code\":\"" + code + "\",\"screen_id\":\"" + SCREEN + "\"}";
        while (elapsedMs(boot) < GIVE_UP_MS) {
            try {
                // Never given up on: an entry whose reply is not awaited may still open the door.
                GatewayReply reply = caller.viaGateway(gateway, "screen-io", "enter", body, Duration.ofMillis(GIVE_UP_MS));
                if (reply.status() == 200) {
                    entries.openedAfterMs = elapsedMs(boot);
                    entries.count("200");
                    return entries;
                }
                entries.count(reply.status() + (reply.error() == null ? "" : " " + reply.error()));
                if (reply.status() >= 400 && reply.status() < 500) {
                    // A code refused for what it is (not the locker starting) will not open a door by trying again.
                    entries.stoppedOn = reply.status() + " " + reply.body();
                    return entries;
                }
            } catch (IOException gatewayDown) {
                entries.count("no gateway");
            }
            Thread.sleep(ENTRY_PAUSE_MS);
        }
        return entries;
    }

    private static void record(ColdBoot result, String function, CompletableFuture<Long> answered, Long startedAfterBoot,
                               long boot, List<String> notes) {
        long readyAfterBoot;
        try {
            readyAfterBoot = answered.get(Math.max(1, GIVE_UP_MS - elapsedMs(boot)) + 1_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            readyAfterBoot = -1;
        }
        if (readyAfterBoot < 0) {
            notes.add(function + " gave no correct probe answer within " + GIVE_UP_MS + " ms");
            return;
        }
        if (startedAfterBoot == null) {
            notes.add(function + ": its new process was not seen before it answered");
            return;
        }
        result.startedMillis.put(function, startedAfterBoot);
        result.readyMillis.put(function, readyAfterBoot - startedAfterBoot);
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** The screen's replies while the locker booted, by status (and error), in the order first seen. */
    static final class Entries {
        final Map<String, Integer> replies = new LinkedHashMap<>();
        long openedAfterMs = -1;
        String stoppedOn;

        void count(String reply) {
            replies.merge(reply, 1, Integer::sum);
        }

        String describe() {
            StringBuilder text = new StringBuilder("code entries every " + ENTRY_PAUSE_MS + " ms until a door opened: ");
            replies.forEach((reply, times) -> text.append(reply).append(" ×").append(times).append(", "));
            text.setLength(text.length() - 2);
            if (stoppedOn != null) {
                text.append("; stopped on ").append(stoppedOn);
            } else if (openedAfterMs < 0) {
                text.append("; no door opened within ").append(GIVE_UP_MS).append(" ms");
            }
            return text.toString();
        }
    }
}

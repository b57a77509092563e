package io.cacifo.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JMeter runs of one bench, each into its own folder under the configuration's results:
 * the thesis' inserts right after a deploy and warm, the code flow, and the load steps.
 */
final class Plans {
    static final String AFTER_DEPLOY = "latency-after-deploy";
    static final String WARM = "latency-warm";
    static final String CODE_FLOW = "code-flow";
    static final String LOAD = "load";
    /** Steps the bench runs itself (no JMeter), named like the plans for the busy marks. */
    static final String HOP = "gateway-hop";
    static final String MEMORY_IDLE = "memory-idle";
    static final String MEMORY_AFTER_LOAD = "memory-after-load";
    static final String COLD_LOCKER = "cold-locker";
    /** Free doors of the devstack's locker: 1, 5 and 9 hold the demo parcels, 12 is the load plan's. */
    static final String FLOW_DOORS = "2,3,4,6,7,8,10,11";
    static final int LOAD_DOOR = 12;

    private final Path repoRoot;
    private final Map<String, String> connection = new LinkedHashMap<>();
    private final Sizes sizes;

    Plans(Path repoRoot, URI gateway, Path secretsDir, Sizes sizes) {
        this.repoRoot = repoRoot;
        this.sizes = sizes;
        connection.put("gateway.protocol", gateway.getScheme());
        connection.put("gateway.host", gateway.getHost());
        connection.put("gateway.port", Integer.toString(gateway.getPort() > 0 ? gateway.getPort()
                : "https".equals(gateway.getScheme()) ? 443 : 80));
        connection.put("secrets.dir", secretsDir.toAbsolutePath().toString());
        // A real locker's operator has only its public key, which may live anywhere.
        String lockerKey = System.getenv("BENCH_LOCKER_KEY");
        if (lockerKey != null && !lockerKey.isBlank()) {
            connection.put("locker.key.file", Path.of(lockerKey).toAbsolutePath().toString());
        }
    }

    /** The first call is the JVM's first after its start only if the caller has just (re)started user-manager. */
    void insertsAfterDeploy(Path results) throws InterruptedException {
        plan("latency-insert").with("inserts", sizes.inserts).with("warmup", 0).run(results.resolve(AFTER_DEPLOY));
    }

    void insertsWarm(Path results) throws InterruptedException {
        plan("latency-insert").with("inserts", sizes.warmInserts).with("warmup", sizes.insertWarmup)
                .run(results.resolve(WARM));
    }

    /**
     * Returns the samples file. The warm-up cycles run first in the same JMeter run; the report leaves
     * them out ({@link ConfigResults#measuredFlow}).
     */
    Path codeFlow(Path results) throws InterruptedException {
        return plan(CODE_FLOW).with("cycles", sizes.flowWarmupCycles + sizes.cycles).with("screens", 1).with("doors", FLOW_DOORS)
                .run(results.resolve(CODE_FLOW));
    }

    void load(Path results) throws InterruptedException {
        plan(LOAD).with("step.seconds", sizes.stepSeconds).with("load.door", LOAD_DOOR).run(results.resolve(LOAD));
    }

    private JMeterPlan plan(String name) {
        return new JMeterPlan(repoRoot, name).with(connection);
    }
}

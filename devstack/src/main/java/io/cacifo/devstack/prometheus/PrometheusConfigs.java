package io.cacifo.devstack.prometheus;


import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The devstack's Prometheus configs, made from the files that run in production so that the two
 * cannot drift apart: the locker's from {@code prometheus/locker.yml} (faasd's own), the central
 * one from {@code prometheus-federate.yml}; in the push modes ({@link CentralMode}) the locker's
 * from {@code prometheus/locker-remote-write.yml} and the central Prometheus's from
 * {@code prometheus/central-remote-write.yml}. Only intervals, targets, addresses and (centrally)
 * where the rule files and Alertmanager are change; federation and remote-write settings
 * (match[], honor_labels, relabelling, the write relabelling and queue) are kept exactly.
 *
 * <p>Failure behaviour: a file that is not a Prometheus config (no {@code scrape_configs} list)
 * throws {@link IllegalStateException} naming it.
 */
public final class PrometheusConfigs {
    /**
     * The rule files the central side evaluates (production installs them in
     * /etc/prometheus/cacifo-rules/), relative to the repository root.
     */
    public static final List<String> RULE_FILES = List.of("prometheus/fleet-rules.yml", "prometheus/function-limits.yml",
            "prometheus/alerts.yml");

    private PrometheusConfigs() {
    }

    /**
     * {@code prometheus-federate.yml} with {@code interval} as scrape interval, scrape timeout and
     * evaluation interval, and every file_sd list replaced by {@code targetsFile}; without rules or
     * alerting (the 5-argument form gives them).
     */
    public static String central(String federateYaml, String interval, Path targetsFile) {
        return central(federateYaml, interval, targetsFile, List.of(), Optional.empty());
    }

    /**
     * As {@link #central(String, String, Path)}, and the file's rule_files glob replaced by
     * {@code ruleFiles} (the repository's {@link #RULE_FILES}, absolute; none: no rule_files), and
     * its Alertmanager by {@code alertmanager} ({@code host:port}; empty: no alerting section, so
     * Prometheus sends alerts nowhere instead of to a production address).
     */
    public static String central(String federateYaml, String interval, Path targetsFile, List<Path> ruleFiles,
                                 Optional<String> alertmanager) {
        Map<String, Object> config = ConfigYaml.prometheus(federateYaml, "prometheus-federate.yml");
        config.remove("rule_files");
        if (!ruleFiles.isEmpty()) {
            config.put("rule_files", ruleFiles.stream().map(Path::toString).collect(Collectors.toList()));
        }
        config.remove("alerting");
        alertmanager.ifPresent(address -> config.put("alerting", alerting(address)));
        setIntervals(config, interval);
        for (Map<String, Object> job : jobs(config, "prometheus-federate.yml")) {
            job.remove("scrape_interval");
            job.remove("scrape_timeout");
            for (Map<String, Object> fileSd : ConfigYaml.maps(job.get("file_sd_configs"))) {
                fileSd.put("files", List.of(targetsFile.toString()));
            }
        }
        return dump(config, "prometheus-federate.yml");
    }

    /**
     * {@code prometheus/locker.yml} with {@code interval} and each static target renamed through
     * {@code targets} (faasd's address → the local one). A job with a target that has no local
     * stand-in (faasd-provider) is left out, so no job scrapes an address that does not exist.
     */
    public static String locker(String lockerYaml, String interval, Map<String, String> targets) {
        return dump(localLocker(lockerYaml, "prometheus/locker.yml", interval, targets), "prometheus/locker.yml");
    }

    /**
     * {@code prometheus/locker-remote-write.yml} made local as {@link #locker} makes locker.yml, with
     * every remote_write sent to {@code writeUrl} without login or TLS (the devstack's central store
     * listens on 127.0.0.1 only) and batched every {@code interval}, and the {@code locker} external
     * label set to {@code lockerId}. write_relabel_configs and the other queue settings stay as in
     * production. Throws {@link IllegalStateException} when the file has no remote_write list.
     */
    public static String lockerPushing(String remoteWriteYaml, String interval, Map<String, String> targets, URI writeUrl,
                                       String lockerId) {
        String source = "prometheus/locker-remote-write.yml";
        Map<String, Object> config = localLocker(remoteWriteYaml, source, interval, targets);
        List<Map<String, Object>> writes = ConfigYaml.maps(config.get("remote_write"));
        if (writes.isEmpty()) {
            throw new IllegalStateException(source + " has no remote_write list");
        }
        for (Map<String, Object> write : writes) {
            write.put("url", writeUrl.toString());
            write.remove("basic_auth");
            write.remove("authorization");
            write.remove("tls_config");
            Map<String, Object> queue = new LinkedHashMap<>();
            if (write.get("queue_config") instanceof Map) {
                ((Map<?, ?>) write.get("queue_config")).forEach((key, value) -> queue.put(String.valueOf(key), value));
            }
            // Production batches once per faasd scrape (15 s); here a test waits one local interval.
            queue.put("batch_send_deadline", interval);
            write.put("queue_config", queue);
        }
        Map<String, Object> global = global(config);
        Map<String, Object> labels = new LinkedHashMap<>();
        if (global.get("external_labels") instanceof Map) {
            ((Map<?, ?>) global.get("external_labels")).forEach((key, value) -> labels.put(String.valueOf(key), value));
        }
        labels.put("locker", lockerId);
        global.put("external_labels", labels);
        return dump(config, source);
    }

    /**
     * {@code prometheus/central-remote-write.yml} with {@code interval} as evaluation interval, the
     * rule_files glob replaced by {@code ruleFiles}, and the Alertmanager target by {@code alertmanager}
     * (host:port), or the alerting section left out when none runs.
     */
    public static String centralReceiving(String centralYaml, String interval, List<Path> ruleFiles,
                                          Optional<String> alertmanager) {
        String source = "prometheus/central-remote-write.yml";
        Map<String, Object> config = ConfigYaml.prometheus(centralYaml, source);
        setIntervals(config, interval);
        List<String> rules = new ArrayList<>();
        ruleFiles.forEach(file -> rules.add(file.toString()));
        config.put("rule_files", rules);
        if (alertmanager.isPresent()) {
            config.put("alerting", alerting(alertmanager.get()));
        } else {
            config.remove("alerting");
        }
        return dump(config, source);
    }

    /** An alerting section with one Alertmanager at {@code address} (host:port). */
    private static Map<String, Object> alerting(String address) {
        return Map.of("alertmanagers", List.of(Map.of("static_configs", List.of(Map.of("targets", List.of(address))))));
    }

    private static Map<String, Object> localLocker(String lockerYaml, String source, String interval, Map<String, String> targets) {
        Map<String, Object> config = ConfigYaml.prometheus(lockerYaml, source);
        setIntervals(config, interval);
        Iterator<Map<String, Object>> jobs = jobs(config, source).iterator();
        while (jobs.hasNext()) {
            Map<String, Object> job = jobs.next();
            job.remove("scrape_interval");
            job.remove("scrape_timeout");
            boolean local = true;
            for (Map<String, Object> group : ConfigYaml.maps(job.get("static_configs"))) {
                List<String> renamed = new ArrayList<>();
                for (Object target : ConfigYaml.list(group.get("targets"))) {
                    String address = targets.get(String.valueOf(target));
                    local &= address != null;
                    renamed.add(address);
                }
                group.put("targets", renamed);
            }
            if (!local) {
                jobs.remove();
            }
        }
        return config;
    }

    /** A file_sd targets file with one target, labelled as prometheus/lockers.example.yml labels each locker. */
    public static String targets(String address, String locker) {
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("targets", List.of(address));
        group.put("labels", Map.of("locker", locker));
        return "# The devstack's one locker, for the central Prometheus's file_sd_configs.\n" + ConfigYaml.write(List.of(group));
    }

    private static void setIntervals(Map<String, Object> config, String interval) {
        Map<String, Object> global = global(config);
        global.put("scrape_interval", interval);
        // The timeout may not exceed the interval; a local scrape takes milliseconds.
        global.put("scrape_timeout", interval);
        global.put("evaluation_interval", interval);
    }

    /** The config's global section as a mutable map, put back into the config. */
    private static Map<String, Object> global(Map<String, Object> config) {
        Object existing = config.get("global");
        Map<String, Object> global = new LinkedHashMap<>();
        if (existing instanceof Map) {
            ((Map<?, ?>) existing).forEach((key, value) -> global.put(String.valueOf(key), value));
        }
        config.put("global", global);
        return global;
    }

    private static List<Map<String, Object>> jobs(Map<String, Object> config, String name) {
        List<Map<String, Object>> jobs = ConfigYaml.maps(config.get("scrape_configs"));
        if (jobs.size() != ConfigYaml.list(config.get("scrape_configs")).size()) {
            throw new IllegalStateException(name + ": every entry of scrape_configs must be a mapping");
        }
        // Written back, so removing a job from the returned list removes it from the config.
        config.put("scrape_configs", jobs);
        return jobs;
    }

    private static String dump(Map<String, Object> config, String source) {
        return "# Generated by the devstack from " + source + " (local intervals and targets); edit that file instead.\n"
                + ConfigYaml.write(config);
    }
}

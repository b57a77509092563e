package io.cacifo.bench.fleet;

import io.cacifo.devstack.prometheus.ConfigYaml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configs the bench runs, made from the production files so the bench measures what runs in
 * production: prometheus-federate.yml's global settings (15 s scrape, 10 s timeout, 15 s rule
 * evaluation) and its {@code lockers} job exactly (match[], honor_labels, relabelling), with only
 * the file_sd path, the rule files (the repository's, as the devstack loads them) and
 * the Alertmanager (none) replaced.
 */
public final class FleetConfigs {
    private FleetConfigs() {
    }

    /** A file_sd targets file: every locker at the simulator's address, told apart by {@code locker} and {@code __param_locker}. */
    public static String targets(String simulatorAddress, int lockers) {
        List<Map<String, Object>> groups = new ArrayList<>();
        for (int number = 1; number <= lockers; number++) {
            String name = LockerExposition.lockerName(number);
            Map<String, Object> labels = new LinkedHashMap<>();
            labels.put("locker", name);
            labels.put("__param_locker", name);
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("targets", List.of(simulatorAddress));
            group.put("labels", labels);
            groups.add(group);
        }
        return ConfigYaml.write(groups);
    }

    /** The central Prometheus of the federation path: the production file with the targets and rules replaced. */
    public static String federation(String federateYaml, Path targetsFile, List<Path> ruleFiles) {
        Map<String, Object> config = load(federateYaml);
        for (Map<String, Object> job : jobs(config)) {
            for (Object fileSd : ConfigYaml.list(job.get("file_sd_configs"))) {
                asMap(fileSd).put("files", List.of(targetsFile.toString()));
            }
        }
        rules(config, ruleFiles);
        return dump(config);
    }

    /**
     * The central Prometheus of the push path (run with {@code --web.enable-remote-write-receiver}):
     * scrapes nothing, evaluates the same rules over what the lockers send.
     */
    public static String receiver(String federateYaml, List<Path> ruleFiles) {
        Map<String, Object> config = load(federateYaml);
        config.put("scrape_configs", List.of());
        rules(config, ruleFiles);
        return dump(config);
    }

    /**
     * The agent (Prometheus {@code --enable-feature=agent}) that stands in for the fleet's pushing
     * lockers: the federation job collects every locker's series with their labels and timestamps,
     * and remote_write sends them to {@code writeUrl}. The agent's own per-target series
     * ({@code up}, {@code scrape_*} of job {@code lockers}) are not sent: a pushing locker has no
     * such series at the centre.
     */
    public static String agent(String federateYaml, Path targetsFile, String writeUrl) {
        Map<String, Object> config = load(federateYaml);
        for (Map<String, Object> job : jobs(config)) {
            for (Object fileSd : ConfigYaml.list(job.get("file_sd_configs"))) {
                asMap(fileSd).put("files", List.of(targetsFile.toString()));
            }
        }
        Map<String, Object> global = asMap(config.get("global"));
        global.remove("evaluation_interval");
        config.remove("rule_files");
        config.remove("alerting");
        Map<String, Object> drop = new LinkedHashMap<>();
        drop.put("source_labels", List.of("job"));
        drop.put("regex", "lockers");
        drop.put("action", "drop");
        Map<String, Object> write = new LinkedHashMap<>();
        write.put("url", writeUrl);
        write.put("write_relabel_configs", List.of(drop));
        config.put("remote_write", List.of(write));
        return dump(config);
    }

    private static void rules(Map<String, Object> config, List<Path> ruleFiles) {
        List<String> files = new ArrayList<>();
        ruleFiles.forEach(file -> files.add(file.toString()));
        config.put("rule_files", files);
        // No Alertmanager in a bench: rules are evaluated (their cost is measured), alerts go nowhere.
        config.remove("alerting");
    }

    private static Map<String, Object> load(String yaml) {
        return ConfigYaml.prometheus(yaml, "prometheus-federate.yml");
    }

    private static List<Map<String, Object>> jobs(Map<String, Object> config) {
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (Object job : ConfigYaml.list(config.get("scrape_configs"))) {
            jobs.add(asMap(job));
        }
        return jobs;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        if (!(value instanceof Map)) {
            throw new IllegalStateException("prometheus-federate.yml: expected a mapping, got " + value);
        }
        return (Map<String, Object>) value;
    }

    private static String dump(Map<String, Object> config) {
        return "# Generated by bin/fleet-bench from prometheus-federate.yml (targets and rule files replaced).\n"
                + ConfigYaml.write(config);
    }
}

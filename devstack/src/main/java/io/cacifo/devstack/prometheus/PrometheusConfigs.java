package io.cacifo.devstack.prometheus;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

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
 * one from {@code prometheus-federate.yml}. Only intervals and targets change (and, centrally,
 * where the rule files and Alertmanager are); federation settings (match[], honor_labels,
 * relabelling) are kept exactly.
 *
 * <p>Failure behaviour: a file that is not a Prometheus config (no {@code scrape_configs} list)
 * throws {@link IllegalStateException} naming it.
 */
public final class PrometheusConfigs {
    /**
     * The rule files the central side evaluates (contract: production installs them in
     * /etc/prometheus/cacifo-rules/), relative to the repository root.
     */
    public static final List<String> RULE_FILES = List.of("prometheus/fleet-rules.yml", "prometheus/alerts.yml");

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
        Map<String, Object> config = load(federateYaml, "prometheus-federate.yml");
        config.remove("rule_files");
        if (!ruleFiles.isEmpty()) {
            config.put("rule_files", ruleFiles.stream().map(Path::toString).collect(Collectors.toList()));
        }
        config.remove("alerting");
        alertmanager.ifPresent(address -> config.put("alerting",
                Map.of("alertmanagers", List.of(Map.of("static_configs", List.of(Map.of("targets", List.of(address))))))));
        setIntervals(config, interval);
        for (Map<String, Object> job : jobs(config, "prometheus-federate.yml")) {
            job.remove("scrape_interval");
            job.remove("scrape_timeout");
            for (Map<String, Object> fileSd : maps(job.get("file_sd_configs"))) {
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
        Map<String, Object> config = load(lockerYaml, "prometheus/locker.yml");
        setIntervals(config, interval);
        Iterator<Map<String, Object>> jobs = jobs(config, "prometheus/locker.yml").iterator();
        while (jobs.hasNext()) {
            Map<String, Object> job = jobs.next();
            job.remove("scrape_interval");
            job.remove("scrape_timeout");
            boolean local = true;
            for (Map<String, Object> group : maps(job.get("static_configs"))) {
                List<String> renamed = new ArrayList<>();
                for (Object target : list(group.get("targets"))) {
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
        return dump(config, "prometheus/locker.yml");
    }

    /** A file_sd targets file with one target, labelled as prometheus/lockers.example.yml labels each locker. */
    public static String targets(String address, String locker) {
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("targets", List.of(address));
        group.put("labels", Map.of("locker", locker));
        return "# The devstack's one locker, for the central Prometheus's file_sd_configs.\n" + yaml().dump(List.of(group));
    }

    private static void setIntervals(Map<String, Object> config, String interval) {
        Object existing = config.get("global");
        Map<String, Object> global = new LinkedHashMap<>();
        if (existing instanceof Map) {
            ((Map<?, ?>) existing).forEach((key, value) -> global.put(String.valueOf(key), value));
        }
        global.put("scrape_interval", interval);
        // The timeout may not exceed the interval; a local scrape takes milliseconds.
        global.put("scrape_timeout", interval);
        global.put("evaluation_interval", interval);
        config.put("global", global);
    }

    private static Map<String, Object> load(String yaml, String name) {
        Object loaded = new Yaml(new LoaderOptions()).load(yaml);
        if (!(loaded instanceof Map) || !(((Map<?, ?>) loaded).get("scrape_configs") instanceof List)) {
            throw new IllegalStateException(name + " is not a Prometheus config with a scrape_configs list");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) loaded;
        return config;
    }

    private static List<Map<String, Object>> jobs(Map<String, Object> config, String name) {
        List<Map<String, Object>> jobs = maps(config.get("scrape_configs"));
        if (jobs.size() != list(config.get("scrape_configs")).size()) {
            throw new IllegalStateException(name + ": every entry of scrape_configs must be a mapping");
        }
        // Written back, so removing a job from the returned list removes it from the config.
        config.put("scrape_configs", jobs);
        return jobs;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        List<Map<String, Object>> maps = new ArrayList<>();
        for (Object item : list(value)) {
            if (item instanceof Map) {
                maps.add((Map<String, Object>) item);
            }
        }
        return maps;
    }

    private static List<?> list(Object value) {
        return value instanceof List ? (List<?>) value : List.of();
    }

    private static String dump(Map<String, Object> config, String source) {
        return "# Generated by the devstack from " + source + " (local intervals and targets); edit that file instead.\n"
                + yaml().dump(config);
    }

    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        return new Yaml(options);
    }
}

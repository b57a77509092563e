package io.cacifo.devstack.prometheus;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reading the production Prometheus and Alertmanager files and writing the configs made from them
 * (the devstack's, and bin/fleet-bench's): one parser, one output style (block, two spaces), one
 * check of what a Prometheus config must have. Failure behaviour: {@link #prometheus} throws
 * {@link IllegalStateException} naming the file when it is not a Prometheus config.
 */
public final class ConfigYaml {
    private ConfigYaml() {
    }

    /** {@code yaml} parsed with SnakeYAML's safe defaults. */
    public static Object parse(String yaml) {
        return new Yaml(new LoaderOptions()).load(yaml);
    }

    /** {@code value} written in block style with two-space indents. */
    public static String write(Object value) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        return new Yaml(options).dump(value);
    }

    /** {@code yaml} as a Prometheus config: a mapping with a {@code scrape_configs} list, else it throws naming {@code name}. */
    public static Map<String, Object> prometheus(String yaml, String name) {
        Object loaded = parse(yaml);
        if (!(loaded instanceof Map) || !(((Map<?, ?>) loaded).get("scrape_configs") instanceof List)) {
            throw new IllegalStateException(name + " is not a Prometheus config with a scrape_configs list");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) loaded;
        return config;
    }

    /** The mappings in {@code value} when it is a list (others left out), else none. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> maps(Object value) {
        List<Map<String, Object>> maps = new ArrayList<>();
        for (Object item : list(value)) {
            if (item instanceof Map) {
                maps.add((Map<String, Object>) item);
            }
        }
        return maps;
    }

    /** {@code value} when it is a list, else an empty one. */
    public static List<?> list(Object value) {
        return value instanceof List ? (List<?>) value : List.of();
    }
}

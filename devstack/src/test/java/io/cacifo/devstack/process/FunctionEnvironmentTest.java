package io.cacifo.devstack.process;

import io.cacifo.devstack.stack.FunctionSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class FunctionEnvironmentTest {
    private final FunctionEnvironment local = new FunctionEnvironment("http://127.0.0.1:18080", "127.0.0.1", 13307,
            "http://127.0.0.1:18070", "http://127.0.0.1:18090", Map.of("door_close_timeout_ms", "3000"));

    private static FunctionSpec spec(Map<String, String> environment) {
        return new FunctionSpec("f", "image", "./functions/f", environment, List.of(), Map.of());
    }

    @Test
    void faasd_addresses_are_replaced_by_the_local_stand_ins() {
        Map<String, String> env = local.of(spec(Map.of("gateway_url", "http://gateway:8080", "db_host", "mariadb",
                "db_port", "3306", "lock_board_url", "http://10.62.0.1:8070",
                "backend_url", "https://backend.example.org/api/lockers", "db_name", "cacifo")), 40001, Path.of("/s/f"));

        assertEquals("http://127.0.0.1:18080", env.get("gateway_url"));
        assertEquals("127.0.0.1", env.get("db_host"));
        assertEquals("13307", env.get("db_port"));
        assertEquals("http://127.0.0.1:18070", env.get("lock_board_url"));
        assertEquals("http://127.0.0.1:18090", env.get("backend_url"));
        assertEquals("cacifo", env.get("db_name"));
        assertEquals("40001", env.get("upstream_port"));
        assertEquals("/s/f", env.get("secrets_dir"));
    }

    @Test
    void an_override_replaces_a_stack_value_but_adds_none_where_stack_yaml_sets_none() {
        assertEquals("3000", local.of(spec(Map.of("door_close_timeout_ms", "45000")), 40003, Path.of("/s/door-io"))
                .get("door_close_timeout_ms"));
        assertFalse(local.of(spec(Map.of("function_name", "user-manager")), 40004, Path.of("/s/u"))
                .containsKey("door_close_timeout_ms"));
    }

    @Test
    void a_function_gets_no_setting_it_would_not_get_on_faasd() {
        Map<String, String> env = local.of(spec(Map.of("function_name", "door-io", "lock_board_url", "http://10.62.0.1:8070")),
                40002, Path.of("/s/door-io"));

        assertFalse(env.containsKey("db_host"), env.toString());
        assertFalse(env.containsKey("db_port"), env.toString());
        assertFalse(env.containsKey("backend_url"), env.toString());
        assertEquals(Map.of("function_name", "door-io", "lock_board_url", "http://127.0.0.1:18070",
                "gateway_url", "http://127.0.0.1:18080", "upstream_port", "40002", "secrets_dir", "/s/door-io"), env);
    }

    @Test
    void the_simulator_page_is_a_screen_only_on_the_devstack() {
        assertEquals("main,simulator", local.of(spec(Map.of("screen_ids", "main")), 40005, Path.of("/s/screen-io"))
                .get("screen_ids"));
        assertEquals("main,simulator", local.of(spec(Map.of("screen_ids", "main,simulator")), 40006, Path.of("/s/s"))
                .get("screen_ids"));
        assertFalse(local.of(spec(Map.of("function_name", "controller")), 40007, Path.of("/s/c")).containsKey("screen_ids"));
    }
}

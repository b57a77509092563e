package io.cacifo.deploy;

import io.cacifo.kit.testing.Prerequisite;
import io.cacifo.kit.testing.StackYaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** deploy/faasd: MariaDB and the cron-connector as faasd compose services, and the script that installs them. */
class FaasdComposeTest {
    private static final String MARIADB = "deploy/faasd/mariadb.yaml";
    private static final String CRON = "deploy/faasd/cron-connector.yaml";
    /** faasd's own services; ours must not take their names. */
    private static final Set<String> FAASD_SERVICES = Set.of("basic-auth-plugin", "nats", "prometheus", "gateway",
            "queue-worker", "faasd-provider");

    @TempDir
    Path faasd;

    private static Map<String, Object> services(String yaml) {
        return StackYaml.map(StackYaml.map(StackYaml.yaml(yaml), "compose").get("services"), "services");
    }

    private static Map<String, Object> service(Map<String, Object> services, String name) {
        return StackYaml.map(services.get(name), name);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> binds(Map<String, Object> service) {
        return (List<Map<String, Object>>) service.getOrDefault("volumes", List.of());
    }

    private static List<String> environment(Map<String, Object> service) {
        return StackYaml.list(service.get("environment"), "environment");
    }

    @ParameterizedTest(name = "{0} holds {1}")
    @CsvSource({"deploy/faasd/mariadb.yaml, mariadb", "deploy/faasd/cron-connector.yaml, cron-connector"})
    void each_snippet_holds_one_service_with_a_pinned_image_and_a_name_faasd_does_not_use(String snippet, String name) {
        Map<String, Object> services = services(Repo.read(snippet));
        assertEquals(Set.of(name), services.keySet());
        String image = String.valueOf(service(services, name).get("image"));
        assertTrue(Images.isPinned(image), name + ": " + image + " is not pinned");
        assertFalse(FAASD_SERVICES.contains(name), name);
    }

    @Test
    void mariadb_is_what_the_functions_are_configured_to_reach() {
        Map<String, Object> mariadb = service(services(Repo.read(MARIADB)), "mariadb");
        Map<String, String> screenIo = StackYaml.strings(StackYaml.read(Map.of()).functions().get("screen-io")
                .get("environment"), "screen-io");

        assertEquals("mariadb", screenIo.get("db_host"), "the compose service's name is the functions' db_host");
        assertEquals("3306", screenIo.get("db_port"));
        assertTrue(environment(mariadb).contains("MARIADB_DATABASE=" + screenIo.get("db_name")), environment(mariadb).toString());
        assertTrue(Repo.read("db/grants.sql").contains("'" + screenIo.get("db_user") + "'@"), "grants.sql makes the db_user account");
        assertNull(mariadb.get("ports"), "MariaDB is reachable on faasd's bridge only, never on the Pi's network");
    }

    @Test
    void mariadb_gets_passwords_from_files_and_runs_as_its_own_user() {
        Map<String, Object> mariadb = service(services(Repo.read(MARIADB)), "mariadb");
        for (String variable : environment(mariadb)) {
            String name = variable.substring(0, variable.indexOf('='));
            assertFalse(name.contains("PASSWORD") && !name.endsWith("_FILE"), variable + ": a password value in the environment");
        }
        assertTrue(environment(mariadb).contains("MARIADB_ROOT_PASSWORD_FILE=/run/secrets/mariadb-root-password"));
        assertEquals("999:999", mariadb.get("user"));
        assertTrue(binds(mariadb).stream().anyMatch(bind -> "/run/secrets/db-password".equals(bind.get("target"))));
    }

    @Test
    void the_schema_runs_before_the_account_and_the_data_lives_under_var_lib_faasd_mariadb() {
        Map<String, Object> mariadb = service(services(Repo.read(MARIADB)), "mariadb");
        List<String> initFiles = binds(mariadb).stream().map(bind -> String.valueOf(bind.get("target")))
                .filter(target -> target.startsWith("/docker-entrypoint-initdb.d/")).collect(Collectors.toList());

        assertEquals(List.of("/docker-entrypoint-initdb.d/10-schema.sql", "/docker-entrypoint-initdb.d/20-cacifo-user.sh"),
                initFiles.stream().sorted().collect(Collectors.toList()));
        assertTrue(binds(mariadb).stream().anyMatch(bind -> "./mariadb/data".equals(bind.get("source"))
                && "/var/lib/mysql".equals(bind.get("target"))));
        for (Map<String, Object> bind : binds(mariadb)) {
            assertEquals("bind", bind.get("type"));
            assertTrue(String.valueOf(bind.get("source")).startsWith("./mariadb/"), bind.toString());
        }
    }

    @Test
    void the_cron_connector_calls_the_gateway_with_faasd_s_basic_auth() {
        Map<String, Object> cron = service(services(Repo.read(CRON)), "cron-connector");
        assertTrue(environment(cron).containsAll(List.of("gateway_url=http://gateway:8080", "basic_auth=true",
                "secret_mount_path=/run/secrets")), environment(cron).toString());
        assertEquals(List.of("gateway"), StackYaml.list(cron.get("depends_on"), "depends_on"));
        assertEquals(Set.of("./secrets/basic-auth-password", "./secrets/basic-auth-user"),
                binds(cron).stream().map(bind -> String.valueOf(bind.get("source"))).collect(Collectors.toSet()));
    }

    @Test
    void the_mariadb_configuration_is_accepted_by_mariadbd() throws IOException {
        Prerequisite.require(Processes.onPath("mariadbd") || Files.isExecutable(Path.of("/usr/sbin/mariadbd")), "no mariadbd here");
        String mariadbd = Processes.onPath("mariadbd") ? "mariadbd" : "/usr/sbin/mariadbd";
        for (String cnf : List.of("deploy/faasd/mariadb/cacifo.cnf", "deploy/host/61-cacifo-bind.cnf")) {
            Processes.Result help = Processes.run(List.of(mariadbd, "--defaults-file=" + cnf, "--verbose", "--help"), Map.of());
            assertEquals(0, help.exitCode, cnf + ": " + help.output.lines().filter(l -> l.contains("ERROR")).collect(Collectors.toList()));
        }
        Processes.Result help = Processes.run(List.of(mariadbd, "--defaults-file=deploy/faasd/mariadb/cacifo.cnf",
                "--verbose", "--help"), Map.of());
        assertTrue(help.output.lines().anyMatch(line -> line.matches("innodb-buffer-pool-size\\s+50331648")), "48M buffer pool");
        assertTrue(help.output.lines().anyMatch(line -> line.matches("skip-name-resolve\\s+TRUE")));
    }

    @Test
    void the_install_script_puts_every_file_the_services_mount_in_place_and_adds_them_once() throws IOException {
        Prerequisite.require("root".equals(System.getProperty("user.name")), "the script installs files for MariaDB's user (999): root only");
        Path compose = faasd.resolve("docker-compose.yaml");
        String before = new String(getClass().getResourceAsStream("/faasd-docker-compose.yaml").readAllBytes(), StandardCharsets.UTF_8);
        Files.writeString(compose, before);
        Files.createDirectories(faasd.resolve("secrets"));
        Files.writeString(faasd.resolve("secrets/basic-auth-password"), "test-only");
        Files.writeString(faasd.resolve("secrets/basic-auth-user"), "admin");
        Path password = Files.writeString(faasd.resolve("db-password-in"), "0123456789abcdef0123456789abcdef\n");

        Processes.Result first = install(password);
        Processes.Result second = install(password);

        assertEquals(0, first.exitCode, first.toString());
        assertEquals(0, second.exitCode, second.toString());
        assertTrue(second.output.contains("has mariadb already") && second.output.contains("has cron-connector already"), second.output);
        String after = Files.readString(compose);
        assertTrue(after.startsWith(before), "faasd's own services are kept as they were");
        Map<String, Object> services = services(after);
        assertEquals(Set.of("nats", "gateway", "mariadb", "cron-connector"), services.keySet());
        for (String name : List.of("mariadb", "cron-connector")) {
            for (Map<String, Object> bind : binds(service(services, name))) {
                Path source = faasd.resolve(String.valueOf(bind.get("source")));
                assertTrue(Files.exists(source), name + " mounts " + bind.get("source") + ", which the script did not put there");
            }
        }
        assertEquals(Repo.read("db/schema.sql"), Files.readString(faasd.resolve("mariadb/initdb/10-schema.sql")));
        assertEquals(Repo.read("db/grants.sql"), Files.readString(faasd.resolve("mariadb/grants.sql")));
        assertEquals(Files.readString(password), Files.readString(faasd.resolve("mariadb/secrets/db-password")));
        assertEquals("r--------", mode(faasd.resolve("mariadb/secrets/db-password")));
        assertEquals("r--------", mode(faasd.resolve("mariadb/secrets/mariadb-root-password")));
        assertEquals(64, Files.readString(faasd.resolve("mariadb/secrets/mariadb-root-password")).trim().length());
        assertEquals("r--r--r--", mode(faasd.resolve("mariadb/initdb/20-cacifo-user.sh")),
                "not executable: the image's entrypoint sources it, so it can use docker_process_sql");
        assertEquals(999, (int) Files.getAttribute(faasd.resolve("mariadb/data"), "unix:uid"));
        for (String output : List.of(first.output, second.output)) {
            assertFalse(output.contains("0123456789abcdef"), "the password is never printed");
        }
        try (Stream<Path> copies = Files.list(faasd)) {
            assertEquals(1, copies.filter(p -> p.getFileName().toString().startsWith("docker-compose.yaml.before-cacifo.")).count(),
                    "one dated copy of faasd's file, from the run that changed it");
        }
    }

    @Test
    void the_install_script_refuses_a_compose_file_it_cannot_append_to() throws IOException {
        Prerequisite.require("root".equals(System.getProperty("user.name")), "root only");
        String odd = "services:\n  gateway:\n    image: ghcr.io/openfaas/gateway:0.27.0\nnetworks:\n  default: {}\n";
        Files.writeString(faasd.resolve("docker-compose.yaml"), odd);
        Path password = Files.writeString(faasd.resolve("db-password-in"), "0123456789abcdef0123456789abcdef\n");

        Processes.Result run = install(password);

        assertNotEquals(0, run.exitCode, run.toString());
        assertTrue(run.output.contains("does not end with its services: section"), run.output);
        assertEquals(odd, Files.readString(faasd.resolve("docker-compose.yaml")), "left unchanged");
    }

    @Test
    void with_mariadb_on_the_host_only_the_cron_connector_is_added_to_faasd() throws IOException {
        Prerequisite.require("root".equals(System.getProperty("user.name")), "root only");
        String before = new String(getClass().getResourceAsStream("/faasd-docker-compose.yaml").readAllBytes(), StandardCharsets.UTF_8);
        Files.writeString(faasd.resolve("docker-compose.yaml"), before);

        Processes.Result run = Processes.run(List.of("bash", "deploy/scripts/add-to-faasd-compose.sh", "--no-restart", CRON),
                Map.of("FAASD_DIR", faasd.toString()));

        assertEquals(0, run.exitCode, run.toString());
        assertEquals(Set.of("nats", "gateway", "cron-connector"), services(Files.readString(faasd.resolve("docker-compose.yaml"))).keySet());
    }

    private Processes.Result install(Path password) throws IOException {
        return Processes.run(List.of("bash", "deploy/scripts/install-mariadb-faasd.sh", "--no-restart", password.toString()),
                Map.of("FAASD_DIR", faasd.toString()));
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}

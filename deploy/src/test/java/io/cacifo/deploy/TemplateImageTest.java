package io.cacifo.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** template/java11-maven: the image every function is built from, for linux/arm64 on the Pi. */
class TemplateImageTest {
    private static final String TEMPLATE = "template/java11-maven";
    private static final Dockerfile DOCKERFILE = new Dockerfile(Repo.read(TEMPLATE + "/Dockerfile"));

    static String jvmFlags() {
        String flags = DOCKERFILE.last().env("JVM_FLAGS");
        assertNotNull(flags, "the ship stage sets JVM_FLAGS");
        return flags;
    }

    @Test
    void every_base_image_is_pinned_to_a_version() {
        List<String> stageNames = new ArrayList<>();
        for (Dockerfile.Stage stage : DOCKERFILE.stages) {
            if (!stageNames.contains(stage.image)) {
                assertTrue(Images.isPinned(stage.image), stage.image + " is not pinned (no :latest, no floating tag)");
            }
            stageNames.add(stage.name);
        }
        assertEquals(List.of("ghcr.io/openfaas/of-watchdog", "maven", "eclipse-temurin"),
                DOCKERFILE.stages.stream().map(stage -> stage.image.substring(0, stage.image.lastIndexOf(':')))
                        .collect(Collectors.toList()));
        assertTrue(DOCKERFILE.last().image.startsWith("eclipse-temurin:11.") && DOCKERFILE.last().image.contains("-jre-"),
                "the ship stage is a Temurin 11 JRE: " + DOCKERFILE.last().image);
    }

    @Test
    void maven_runs_on_the_build_machine_s_platform_and_the_jre_is_the_target_s() {
        Dockerfile.Stage build = DOCKERFILE.stages.stream().filter(stage -> stage.image.startsWith("maven:"))
                .findFirst().orElseThrow();
        assertEquals("$BUILDPLATFORM", build.platform, "the Maven stage must not run emulated");
        assertTrue(DOCKERFILE.last().platform.contains("TARGETPLATFORM"), DOCKERFILE.last().platform);
        assertTrue(DOCKERFILE.stages.get(0).platform.contains("TARGETPLATFORM"), "of-watchdog for the target platform");
    }

    @Test
    void the_shipped_image_runs_as_a_user_that_is_not_root() {
        List<String> users = DOCKERFILE.last().all("USER");
        assertFalse(users.isEmpty(), "the ship stage sets USER");
        String user = users.get(users.size() - 1);
        String name = user.split(":")[0];
        assertFalse(Set.of("root", "0").contains(name), "USER " + user);
        assertTrue(DOCKERFILE.last().all("RUN").stream().anyMatch(run -> run.contains("useradd") && run.contains("--uid " + name)),
                "USER " + user + " is the user the stage creates");
    }

    @Test
    void the_shipped_image_has_a_healthcheck_and_starts_the_watchdog() {
        assertEquals(List.of("--interval=5s CMD [ -e /tmp/.lock ] || exit 1"), DOCKERFILE.last().all("HEALTHCHECK"));
        assertEquals(List.of("[\"fwatchdog\"]"), DOCKERFILE.last().all("CMD"));
        assertEquals("http", DOCKERFILE.last().env("mode"));
        assertEquals("http://127.0.0.1:8082", DOCKERFILE.last().env("upstream_url"));
    }

    @Test
    void files_the_dockerfile_copies_from_the_build_folder_exist_in_the_template() {
        List<String> sources = new ArrayList<>();
        for (Dockerfile.Stage stage : DOCKERFILE.stages) {
            for (String copy : stage.all("COPY")) {
                if (copy.startsWith("--from=")) {
                    String from = copy.substring("--from=".length(), copy.indexOf(' '));
                    assertTrue(DOCKERFILE.stages.stream().anyMatch(s -> from.equals(s.name)), "COPY --from=" + from + " names a stage");
                    continue;
                }
                String[] parts = copy.split("\\s+");
                sources.addAll(Arrays.asList(parts).subList(0, parts.length - 1));
            }
        }
        assertTrue(sources.contains("appcds.sh"), sources.toString());
        for (String source : sources) {
            assertTrue(".".equals(source) || Files.exists(Repo.path(TEMPLATE).resolve(source)), TEMPLATE + "/" + source);
        }
    }

    @Test
    void fprocess_runs_the_entrypoint_with_the_pi_flags_the_archive_and_the_fixed_class_path() {
        String fprocess = DOCKERFILE.last().env("fprocess");
        assertNotNull(fprocess);
        assertEquals("java ${JVM_FLAGS} -Xshare:auto -XX:SharedArchiveFile=/home/app/app.jsa "
                + "@/home/app/classpath.argfile com.openfaas.entrypoint.App", fprocess);
        assertTrue(DOCKERFILE.last().all("RUN").stream().anyMatch(run -> run.contains(" bash /usr/local/bin/appcds.sh /home/app ")),
                "the archive is built in the ship stage, on the target platform's JVM");
        assertFalse(Repo.read(TEMPLATE + "/Dockerfile").contains("ArchiveClassesAtExit"), "JDK 13+ only; the image runs Java 11");
    }

    @Test
    void the_training_jar_reaches_the_archive_step_only_through_a_mount_of_the_build_stage() {
        String training = "/home/app/training/target";
        assertEquals(List.of("--mount=type=bind,from=build,source=" + training + ",target=/tmp/appcds-training "
                        + "bash /usr/local/bin/appcds.sh /home/app /tmp/appcds-training/appcds-training.jar"),
                DOCKERFILE.last().all("RUN").stream().filter(run -> run.contains("appcds.sh")).collect(Collectors.toList()));
        assertTrue(DOCKERFILE.last().all("COPY").stream().noneMatch(copy -> copy.contains("training")),
                "no layer of the image holds the training jar: " + DOCKERFILE.last().all("COPY"));
        assertTrue(Repo.read(TEMPLATE + "/pom.xml").contains("<module>training</module>"), "the build folder builds " + training);
        assertTrue(Repo.read(TEMPLATE + "/training/pom.xml").contains("<finalName>appcds-training</finalName>"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "-XX:+UseSerialGC",
        "-Xmx",
        "-Xss",
        "-XX:MaxMetaspaceSize=",
        "-XX:ReservedCodeCacheSize=",
        "-XX:TieredStopAtLevel=1",
        "-XX:+ExitOnOutOfMemoryError",
    })
    void the_jvm_is_pi_sized(String flag) {
        assertTrue(Arrays.stream(jvmFlags().split(" ")).anyMatch(f -> f.startsWith(flag)), jvmFlags());
    }

    @Test
    void every_jvm_flag_is_explained_in_a_comment() {
        for (String flag : jvmFlags().split(" ")) {
            String name = flag.replaceAll("=.*", "").replaceAll("^(-Xs[sm]|-Xm[sx])\\d+[kmg]$", "$1");
            assertTrue(DOCKERFILE.comments.stream().anyMatch(comment -> comment.contains(name)),
                    flag + " has no comment saying why it is there");
        }
    }

    @Test
    void the_template_yml_sends_no_fprocess_that_would_replace_the_image_s() {
        // faas-cli deploy reads template/<lang>/template.yml and sends its fprocess; faasd sets it in
        // the container over the image's ENV (faas-cli deriveFprocess, faasd prepareEnv).
        String templateYml = Repo.read(TEMPLATE + "/template.yml");
        assertFalse(templateYml.lines().anyMatch(line -> line.startsWith("fprocess:")), templateYml);
        assertTrue(templateYml.contains("language: java11-maven"));
    }

    @Test
    void a_stale_target_folder_never_reaches_the_image_build() throws Exception {
        Path ignore = Repo.path(TEMPLATE + "/.dockerignore");
        assertTrue(Files.readAllLines(ignore).contains("**/target"), ignore.toString());
    }
}

package io.cacifo.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DockerfileFlagsTest {
    private static final String DOCKERFILE = String.join("\n",
            "FROM eclipse-temurin:11-jre AS ship",
            "# JVM flags sized for a 1 GB Pi:",
            "#   -XX:+UseSerialGC  one GC thread",
            "ENV JVM_FLAGS=\"-XX:+UseSerialGC -XX:MaxRAMPercentage=50 -Xms16m -Xss512k\"",
            "RUN bash /usr/local/bin/appcds.sh /home/app",
            "ENV mode=\"http\" \\",
            "    upstream_url=\"http://127.0.0.1:8082\" \\",
            "    fprocess=\"java ${JVM_FLAGS} -Xshare:auto -XX:SharedArchiveFile=/home/app/app.jsa @/home/app/classpath.argfile com.openfaas.entrypoint.App\"",
            "CMD [\"fwatchdog\"]");

    @Test
    void fprocess_flags_are_the_tokens_before_the_class_path_with_env_references_filled_in() {
        assertEquals(List.of("-XX:+UseSerialGC", "-XX:MaxRAMPercentage=50", "-Xms16m", "-Xss512k", "-Xshare:auto",
                "-XX:SharedArchiveFile=/home/app/app.jsa"), DockerfileFlags.of(DOCKERFILE));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ENV fprocess=\"java -Xmx64m -cp function.jar:lib/* com.openfaas.entrypoint.App\"",
            "ENV fprocess=\"java -Xmx64m -jar function.jar\"",
            "ENV fprocess=\"java -Xmx64m com.openfaas.entrypoint.App\"",
            "ENV fprocess='java -Xmx64m -classpath x y'"})
    void the_class_path_or_main_class_ends_the_flags(String dockerfile) {
        List<String> flags = DockerfileFlags.of(dockerfile);

        assertTrue(flags.contains("-Xmx64m"), "got " + flags);
        assertEquals(1, flags.size(), "got " + flags);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FROM x", "ENV fprocess=\"node index.js\"", "# ENV fprocess=\"java -Xmx1m -cp x y\""})
    void a_dockerfile_without_a_java_fprocess_is_refused(String dockerfile) {
        assertThrows(IllegalStateException.class, () -> DockerfileFlags.of(dockerfile));
    }

    @Test
    void the_fprocess_configuration_leaves_out_the_image_archive_and_stands_in_for_the_container_limit(@TempDir Path dir)
            throws Exception {
        Path dockerfile = dir.resolve("Dockerfile");
        Files.writeString(dockerfile, DOCKERFILE);

        JvmConfig config = JvmConfig.fprocess(dockerfile);

        assertEquals("-XX:+UseSerialGC -XX:MaxRAMPercentage=50 -Xms16m -Xss512k -Xshare:auto -XX:MaxRAM=96m", config.flags());
        assertFalse(config.flags().contains("SharedArchiveFile"));
        assertTrue(config.meaning().contains("AppCDS"), config.meaning());
    }

    @Test
    void the_repository_dockerfile_gives_java_flags() {
        JvmConfig config = JvmConfig.fprocess(Path.of("..", "template", "java11-maven", "Dockerfile"));

        assertTrue(config.flags().contains("-XX:+UseSerialGC"), config.flags());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope", "Bad Name=-Xmx1m"})
    void unknown_configurations_and_badly_named_experiments_are_refused(String names) {
        assertThrows(IllegalArgumentException.class, () -> JvmConfig.select(Path.of(".."), names));
    }

    @Test
    void an_experiment_is_a_name_and_its_flags() {
        List<JvmConfig> chosen = JvmConfig.select(Path.of(".."), "defaults,lean=-XX:+UseSerialGC -Xms8m");

        assertEquals("defaults", chosen.get(0).name());
        assertEquals("-XX:MaxRAM=1g", chosen.get(0).flags());
        assertEquals("lean", chosen.get(1).name());
        assertEquals("-XX:+UseSerialGC -Xms8m", chosen.get(1).flags());
    }
}

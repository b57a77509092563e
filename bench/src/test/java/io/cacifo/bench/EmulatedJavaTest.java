package io.cacifo.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmulatedJavaTest {
    private static final String DOCKERFILE = String.join("\n",
            "FROM eclipse-temurin:11-jre AS ship",
            "ENV JVM_FLAGS=\"-XX:+UseSerialGC -Xms8m -Xmx16m -XX:TieredStopAtLevel=1\"",
            "ENV fprocess=\"java ${JVM_FLAGS} -Xshare:auto -XX:SharedArchiveFile=/home/app/app.jsa @/home/app/classpath.argfile com.openfaas.entrypoint.App\"");

    @Test
    void the_arm64_configuration_runs_the_dockerfiles_flags_with_the_archive_each_function_folder_holds(@TempDir Path dir)
            throws Exception {
        Path dockerfile = dir.resolve("Dockerfile");
        Files.writeString(dockerfile, DOCKERFILE);

        JvmConfig config = JvmConfig.arm64(dockerfile);

        assertEquals("arm64", config.name());
        assertEquals(JvmConfig.Kind.EMULATED_ARM64, config.kind());
        assertEquals("-XX:+UseSerialGC -Xms8m -Xmx16m -XX:TieredStopAtLevel=1 -Xshare:auto -XX:SharedArchiveFile=target/app.jsa",
                config.flags());
        assertTrue(config.meaning().contains("QEMU"), config.meaning());
    }

    @Test
    void the_arm64_configuration_is_one_of_the_standard_ones() {
        JvmConfig arm64 = JvmConfig.select(Path.of(".."), "arm64").get(0);

        assertEquals(JvmConfig.Kind.EMULATED_ARM64, arm64.kind());
        assertTrue(arm64.flags().contains("-XX:SharedArchiveFile=" + EmulatedJava.ARCHIVE), arm64.flags());
    }

    @Test
    void the_archive_is_dumped_under_the_runs_flags_without_those_that_name_or_switch_an_archive() {
        List<String> flags = EmulatedJava.dumpFlags(List.of("-XX:+UseSerialGC", "-Xmx16m", "-Xshare:auto",
                "-XX:SharedArchiveFile=target/app.jsa", "-XX:-UsePerfData"));

        assertEquals(List.of("-XX:+UseSerialGC", "-Xmx16m", "-XX:-UsePerfData"), flags);
    }

    @Test
    void the_functions_run_the_arm64_java_through_qemu() {
        assertEquals(List.of("qemu-aarch64-static", "/usr/lib/jvm/java-17-openjdk-arm64/bin/java"), EmulatedJava.command());
    }

    @Test
    void a_process_maps_the_class_data_archive_it_runs_with_and_no_other() throws IOException {
        long self = ProcessHandle.current().pid();
        // The bench's JVM runs with the JDK's own class-data archive (sharing is on by default since JDK 12).
        Path jdkArchive = Path.of(System.getProperty("java.home"), "lib", "server", "classes.jsa").toRealPath();

        assertTrue(EmulatedJava.maps(self, jdkArchive), "this JVM maps " + jdkArchive);
        assertFalse(EmulatedJava.maps(self, jdkArchive.resolveSibling("app.jsa")));
    }
}

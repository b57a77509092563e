package io.cacifo.bench;

import io.cacifo.devstack.process.KitArchive;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One commit's entrypoint laid out as an image holds a function ({@code function.jar}, {@code lib/}),
 * for {@link EntrypointCost}: the template (entrypoint and AppCDS training) taken from git at that
 * commit and built offline in a folder of its own, its runtime jars copied beside it, and for
 * {@code function.jar} a handler that answers every call 200 at once, so what is measured is the
 * entrypoint and the JVM, not a function's database or secrets.
 */
final class EntrypointApp {
    static final String MAIN = "com.openfaas.entrypoint.App";
    private static final String HANDLER = "package cost; public final class ProbeHandler extends com.openfaas.model.AbstractHandler {"
            + " public com.openfaas.model.IResponse Handle(com.openfaas.model.IRequest request) {"
            + " com.openfaas.model.Response r = new com.openfaas.model.Response(); r.setStatusCode(200);"
            + " r.setContentType(\"application/json\"); r.setBody(\"{}\"); return r; } }";

    final String commit;
    final Path dir;
    final Path functionJar;
    final Path lib;
    final Path trainingJar;
    final Path appCdsScript;

    private EntrypointApp(String commit, Path dir) {
        this.commit = commit;
        this.dir = dir;
        this.functionJar = dir.resolve("app/function.jar");
        this.lib = dir.resolve("app/lib");
        this.trainingJar = dir.resolve("src/template/java11-maven/training/target/appcds-training.jar");
        this.appCdsScript = dir.resolve("src/template/java11-maven/appcds.sh");
    }

    /** Builds {@code commit}'s template in {@code dir} (emptied first); throws naming the step that failed. */
    static EntrypointApp build(Path repo, String commit, Path dir) throws IOException, InterruptedException {
        EntrypointApp app = new EntrypointApp(commit, dir);
        if (Files.exists(dir)) {
            run(List.of("rm", "-rf", dir.toString()), repo, Map.of());
        }
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.createDirectories(app.lib);
        run(List.of("bash", "-c", "git archive \"$1\" template/java11-maven | tar -x -C \"$2\"", "archive", commit, src.toString()),
                repo, Map.of());
        // Its own reactor of the two modules: the template's pom also names the function and the kit.
        Files.writeString(src.resolve("pom.xml"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                + "<groupId>io.cacifo</groupId><artifactId>entrypoint-cost</artifactId><version>0</version><packaging>pom</packaging>"
                + "<modules><module>template/java11-maven/entrypoint</module><module>template/java11-maven/training</module></modules></project>");
        run(List.of("mvn", "-B", "-o", "-q", "-DskipTests", "package"), src, Map.of());
        Path entrypoint = src.resolve("template/java11-maven/entrypoint");
        run(List.of("mvn", "-B", "-o", "-q", "dependency:copy-dependencies", "-DincludeScope=runtime",
                "-DoutputDirectory=" + app.lib), entrypoint, Map.of());
        Files.copy(entrypoint.resolve("target/entrypoint-0.1.0.jar"), app.lib.resolve("entrypoint-0.1.0.jar"));
        app.writeProbeHandler();
        return app;
    }

    /** The runtime jars, sorted by name (the order appcds.sh writes). */
    List<Path> libJars() throws IOException {
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
        }
    }

    /** function.jar and lib/, as the no-archive configuration runs them. */
    List<Path> classPath() throws IOException {
        List<Path> classPath = new ArrayList<>(List.of(functionJar));
        classPath.addAll(libJars());
        return classPath;
    }

    /** Runs this commit's appcds.sh as the image build does; returns the archive (the class path is in classpath.argfile). */
    Path appCds(List<String> jvmFlags) throws IOException, InterruptedException {
        run(List.of("bash", appCdsScript.toString(), functionJar.getParent().toString(), trainingJar.toString()), dir,
                Map.of("JVM_FLAGS", String.join(" ", jvmFlags), "JAVA", java()));
        return functionJar.getParent().resolve("app.jsa");
    }

    /** The devstack's archive of the shared jars, built by the devstack's own code. */
    KitArchive kitArchive(List<String> jvmFlags) {
        return KitArchive.build(List.of(lib), dir.resolve("kit"), jvmFlags);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void writeProbeHandler() throws IOException, InterruptedException {
        Path sources = Files.createDirectories(dir.resolve("handler/cost"));
        Files.writeString(sources.resolve("ProbeHandler.java"), HANDLER);
        Path classes = Files.createDirectories(dir.resolve("handler/classes"));
        String modelJar = libJars().stream().map(Path::toString).filter(jar -> jar.contains("/model-")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no com.openfaas model jar in " + lib));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac.run(null, null, null, "--release", "11", "-cp", modelJar, "-d", classes.toString(),
                sources.resolve("ProbeHandler.java").toString()) != 0) {
            throw new IllegalStateException("the probe handler did not compile");
        }
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(functionJar))) {
            jar.putNextEntry(new JarEntry("cost/ProbeHandler.class"));
            jar.write(Files.readAllBytes(classes.resolve("cost/ProbeHandler.class")));
            jar.putNextEntry(new JarEntry("META-INF/services/com.openfaas.model.AbstractHandler"));
            jar.write("cost.ProbeHandler\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void run(List<String> command, Path dir, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + new String(output, StandardCharsets.UTF_8));
        }
    }

    @Override
    public String toString() {
        return commit;
    }
}

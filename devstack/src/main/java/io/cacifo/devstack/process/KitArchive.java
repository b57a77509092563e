package io.cacifo.devstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * One AppCDS archive of the kit, mapped by every function's JVM: the jars that every function's
 * {@code target/lib} holds alike (kit, entrypoint, Gson, HikariCP, the MariaDB driver, Prometheus),
 * copied once into one folder, their classes and the JDK's default class list dumped into one
 * archive ({@code -Xshare:dump}). A CDS archive is used only by a JVM whose class path begins with
 * the archive's own, so each function runs with those jars first, in the same order, then its
 * {@code function.jar} and any jar of its own. The archive's pages are a file's pages, shared by the
 * seven JVMs, where each JVM otherwise parses the same classes into its own metaspace.
 *
 * <p>Asked for by {@link #FLAG} in the functions' JVM flags; the devstack puts the archive's path in
 * its place. The Pi's images build one archive per image instead (template/java11-maven/appcds.sh):
 * there each function is its own container and shares no file with the others.
 */
public final class KitArchive {
    /** In DEVSTACK_JVM_FLAGS: "map the devstack's kit archive" (replaced by {@code -XX:SharedArchiveFile=<path>}). */
    public static final String FLAG = "-XX:SharedArchiveFile=@kit";
    static final String ARCHIVE = "kit.jsa";
    static final String CLASS_LIST = "kit.classlist";
    private static final long DUMP_TIMEOUT_SECONDS = 120;

    private final Path archive;
    private final List<Path> jars;

    private KitArchive(Path archive, List<Path> jars) {
        this.archive = archive;
        this.jars = List.copyOf(jars);
    }

    /** Whether {@code flags} ask for the archive. */
    public static boolean requested(List<String> flags) {
        return flags.contains(FLAG);
    }

    /** {@code flags} without {@link #FLAG}, for a JVM that does not map the archive (the simulator, the dump itself). */
    public static List<String> withoutFlag(List<String> flags) {
        return flags.stream().filter(flag -> !flag.equals(FLAG)).collect(Collectors.toList());
    }

    /**
     * Copies the jars every folder in {@code libDirs} holds alike (same name, same bytes) into
     * {@code into/lib}, writes the class list and dumps the archive with {@code flags} (heap and GC
     * settings decide whether an archive maps: it is dumped under the functions' own). Fails naming
     * the dump's last output when the JVM refuses.
     */
    public static KitArchive build(List<Path> libDirs, Path into, List<String> flags) {
        try {
            List<Path> common = commonJars(libDirs);
            Path lib = into.resolve("lib");
            Files.createDirectories(lib);
            List<Path> copies = new ArrayList<>();
            for (Path jar : common) {
                Path copy = lib.resolve(jar.getFileName().toString());
                Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
                copies.add(copy);
            }
            Path classList = into.resolve(CLASS_LIST);
            Files.write(classList, classList(copies), StandardCharsets.UTF_8);
            Path archive = into.resolve(ARCHIVE);
            List<String> dumpFlags = new ArrayList<>(withoutFlag(flags));
            dumpFlags.addAll(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classList,
                    "-XX:SharedArchiveFile=" + archive));
            dump(Jvm.command(dumpFlags, copies), into.resolve("kit-dump.log"));
            return new KitArchive(archive, copies);
        } catch (IOException e) {
            throw new UncheckedIOException("could not build the kit's class archive in " + into, e);
        }
    }

    /** The flags with {@link #FLAG} replaced by this archive's path. */
    public List<String> flags(List<String> flags) {
        return flags.stream().map(flag -> flag.equals(FLAG) ? "-XX:SharedArchiveFile=" + archive : flag)
                .collect(Collectors.toList());
    }

    /** The archive's jars first (CDS requires its class path as the run's prefix), then the function's own. */
    public List<Path> classPath(Path functionJar, Path libDir) {
        Set<String> shared = jars.stream().map(jar -> jar.getFileName().toString()).collect(Collectors.toSet());
        List<Path> classPath = new ArrayList<>(jars);
        classPath.add(functionJar);
        classPath.addAll(FunctionLauncher.jarsIn(libDir).stream().filter(jar -> !shared.contains(jar.getFileName().toString()))
                .collect(Collectors.toList()));
        return classPath;
    }

    public Path archive() {
        return archive;
    }

    public List<Path> jars() {
        return jars;
    }

    /** Jars present with the same bytes in every folder, sorted by name (the one order every JVM uses). */
    static List<Path> commonJars(List<Path> libDirs) throws IOException {
        if (libDirs.isEmpty()) {
            return List.of();
        }
        List<Path> common = new ArrayList<>();
        for (Path jar : FunctionLauncher.jarsIn(libDirs.get(0))) {
            boolean everywhere = true;
            for (Path other : libDirs.subList(1, libDirs.size())) {
                Path twin = other.resolve(jar.getFileName().toString());
                everywhere &= Files.isRegularFile(twin) && Files.size(jar) == Files.size(twin)
                        && Arrays.equals(Files.readAllBytes(jar), Files.readAllBytes(twin));
            }
            if (everywhere) {
                common.add(jar);
            }
        }
        return common;
    }

    /**
     * The JDK's own default list (the classes its archive holds, so none is lost by replacing it),
     * then every class of the jars: classes whose optional dependencies are absent are skipped by the
     * dump with a warning.
     */
    static List<String> classList(List<Path> jars) throws IOException {
        Set<String> lines = new LinkedHashSet<>();
        Path jdkList = Path.of(System.getProperty("java.home"), "lib", "classlist");
        if (Files.isRegularFile(jdkList)) {
            for (String line : Files.readAllLines(jdkList, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line);
                }
            }
        }
        for (Path jar : jars) {
            lines.addAll(classesIn(jar));
        }
        return new ArrayList<>(lines);
    }

    private static Set<String> classesIn(Path jar) throws IOException {
        Set<String> classes = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                // META-INF/versions/* are other releases of classes listed by their plain name.
                if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class")
                        && !name.endsWith("package-info.class")) {
                    classes.add(name.substring(0, name.length() - ".class".length()));
                }
            }
        }
        return classes;
    }

    private static void dump(List<String> command, Path log) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(DUMP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the kit's archive dump took over " + DUMP_TIMEOUT_SECONDS + " s; see " + log);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dumping the kit's archive", e);
        }
        if (process.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            throw new IllegalStateException("the kit's archive dump failed (exit " + process.exitValue() + "): "
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size())));
        }
    }

    @Override
    public String toString() {
        return archive + " (" + jars.size() + " jars: " + Arrays.toString(jars.stream().map(Path::getFileName).toArray()) + ")";
    }
}

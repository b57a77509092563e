package io.cacifo.e2e.faults;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.VirtualMachine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The fault "a function's JVM exits 0": {@link ExitZeroAgent} loaded into the running JVM through
 * the attach API calls {@code System.exit(0)} inside it. of-watchdog restarts nothing for a child
 * that exits 0, so the entrypoint must turn any exit it did not ask for into a failure status.
 */
final class ExitZero {
    private ExitZero() {
    }

    /** Returns once the agent ran; the JVM is then exiting (wait for its handle to see the status). */
    static void inject(long pid, Path workDir) throws IOException {
        Path jar = agentJar(workDir);
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (com.sun.tools.attach.AttachNotSupportedException e) {
            throw new IOException("cannot attach to " + pid, e);
        }
        try {
            vm.loadAgent(jar.toAbsolutePath().toString()); // the target JVM resolves it from its own folder
        } catch (AgentLoadException | AgentInitializationException | IOException exiting) {
            // The JVM exits while it answers the attach request; its exit status tells what happened.
        } finally {
            try {
                vm.detach();
            } catch (IOException gone) {
                // Already gone.
            }
        }
    }

    private static Path agentJar(Path workDir) throws IOException {
        Files.createDirectories(workDir);
        Path jar = workDir.resolve("exit-zero-agent.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Agent-Class"), ExitZeroAgent.class.getName());
        String entry = ExitZeroAgent.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream classFile = ExitZero.class.getClassLoader().getResourceAsStream(entry)) {
            if (classFile == null) {
                throw new IOException(entry + " is not on the test class path");
            }
            out.putNextEntry(new JarEntry(entry));
            classFile.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}

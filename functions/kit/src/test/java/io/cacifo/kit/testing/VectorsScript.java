package io.cacifo.kit.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * scripts/vectors/cacifo_vectors.py, the published vectors' independent implementation, run on
 * Debian's own python3 (where python3-cryptography installs; PATH may find another first).
 */
public final class VectorsScript {
    public static final String PYTHON = "/usr/bin/python3";
    private static final String SCRIPT = "scripts/vectors/cacifo_vectors.py";
    private static final long RUN_LIMIT_SECONDS = 120;

    private final Path script;

    private VectorsScript(Path script) {
        this.script = script;
    }

    /** The script in the checkout above the working directory; a skip or, under CI, a failure without Python. */
    public static VectorsScript inCheckout() {
        Prerequisite.require(pythonWithCryptography(), PYTHON + " with python3-cryptography (scripts/ensure-tools.sh installs it)");
        return new VectorsScript(CheckoutFile.path(SCRIPT));
    }

    /** What the Python said (standard output and error together) and how it ended. */
    public static final class Run {
        public final int exit;
        public final String output;

        Run(int exit, String output) {
            this.exit = exit;
            this.output = output;
        }

        @Override
        public String toString() {
            return "exit " + exit + ":\n" + output;
        }
    }

    public Run run(String... args) {
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(RUN_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the Python did not end: " + command);
            }
            return new Run(process.exitValue(), output.strip());
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    private static boolean pythonWithCryptography() {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        try {
            Process probe = new ProcessBuilder(PYTHON, "-c", "import cryptography").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(RUN_LIMIT_SECONDS, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

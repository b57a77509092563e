package io.cacifo.devstack;

import io.cacifo.kit.testing.StackYaml;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The demo: {@code java -cp devstack/target/devstack.jar:devstack/target/lib/* io.cacifo.devstack.Main}
 * from the repository root. Runs until Ctrl-C, whose shutdown hook stops everything it started.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %5$s%6$s%n");
        }
        DevStack stack;
        try {
            Path repoRoot = repoRoot(Path.of("").toAbsolutePath());
            stack = DevStack.start(DevStackSettings.fromEnvironment(repoRoot, System.getenv()));
        } catch (RuntimeException e) {
            System.err.println("devstack did not start: " + messages(e));
            System.exit(1);
            return;
        }
        System.out.print(Summary.text(stack));
        System.out.flush();
        new CountDownLatch(1).await();
    }

    /** The folder holding stack.yaml: {@code start} or the nearest folder above it (tests start in devstack/). */
    public static Path repoRoot(Path start) {
        return StackYaml.find(start).getParent();
    }

    private static String messages(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            text.append("\n  caused by: ").append(cause);
        }
        return text.toString();
    }
}

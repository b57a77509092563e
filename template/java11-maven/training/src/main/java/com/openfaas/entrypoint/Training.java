package com.openfaas.entrypoint;

import com.openfaas.model.AbstractHandler;
import com.openfaas.model.IRequest;
import com.openfaas.model.IResponse;
import com.openfaas.model.Response;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The AppCDS training run of the image build (template/java11-maven/appcds.sh runs it under
 * {@code -XX:DumpLoadedClassList}): it loads what the function's JVM will load, then exits, so the
 * class list names those classes and the archive holds them. Its jar (appcds-training) is on the
 * class path of that step only, never in the function's; it shares the entrypoint's package to use
 * {@link HandlerLoader} as {@link App} does. The build has no secrets, database or
 * gateway, so it does not depend on the handler starting:
 * <ol>
 *   <li>it tries to create the handler as {@link App} does; a failure (expected: no secrets) is reported, not fatal;</li>
 *   <li>it sends one call through the entrypoint's HTTP server with the JDK's HTTP client (the
 *       classes every call and every gateway call use), to the handler or, without one, to a stub,
 *       then one scrape of {@code /metrics} (the JVM collectors and the JDK's management beans they
 *       read, which every function's first scrape loads);</li>
 *   <li>it loads, without initialising, every class in every jar of the class path; a class whose
 *       optional dependency is absent is skipped.</li>
 * </ol>
 * Exits 0 when it loaded classes, 1 when the class path held none (a packaging mistake the build must not hide).
 */
public final class Training {
    private Training() {
    }

    public static void main(String[] args) {
        Summary summary = run(HandlerLoader::load, classPathJars(System.getProperty("java.class.path", "")));
        System.out.println("[training] " + summary);
        // A handler may have started non-daemon threads (pools, schedulers); the run is over either way.
        System.exit(summary.classesLoaded > 0 ? 0 : 1);
    }

    static Summary run(Supplier<AbstractHandler> handlers, List<Path> jars) {
        Summary summary = new Summary();
        AbstractHandler handler;
        try {
            handler = handlers.get();
            summary.handler = handler.getClass().getName() + " started";
        } catch (Throwable t) {
            Throwable root = t;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            // Only the root cause's type and message: secret values never reach a message (kit Secrets).
            summary.handler = "handler did not start (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
            handler = new StubHandler();
        }
        serveTrainingCalls(handler, summary);
        ClassLoader loader = Training.class.getClassLoader();
        for (Path jar : jars) {
            preload(jar, loader, summary);
        }
        return summary;
    }

    /**
     * Sends one call with an action no handler has, then one scrape, and notes their HTTP statuses
     * (-1 for one that failed).
     */
    static void serveTrainingCalls(AbstractHandler handler, Summary summary) {
        FunctionServer server = null;
        try {
            server = FunctionServer.bind(new EntrypointSettings(0, 1, 1, 64 * 1024));
            server.serve(handler);
            String url = "http://127.0.0.1:" + server.port();
            summary.trainingCallStatus = send(url + "/?action=appcds-training", "POST");
            summary.trainingScrapeStatus = send(url + "/metrics", "GET");
        } catch (IOException | RuntimeException e) {
            summary.trainingCallStatus = -1;
            summary.trainingScrapeStatus = -1;
        } finally {
            if (server != null) {
                server.stop();
            }
        }
    }

    private static int send(String url, String method) {
        try {
            // HttpURLConnection, as the functions' own calls (kit BlockingHttp): its classes go into the archive.
            HttpURLConnection call = (HttpURLConnection) URI.create(url).toURL().openConnection(Proxy.NO_PROXY);
            call.setConnectTimeout(5000);
            call.setReadTimeout(10000);
            call.setRequestMethod(method);
            if ("POST".equals(method)) {
                call.setRequestProperty("Content-Type", "application/json");
                call.setDoOutput(true);
                call.setFixedLengthStreamingMode(2);
                try (OutputStream out = call.getOutputStream()) {
                    out.write("{}".getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = call.getResponseCode();
            try (InputStream in = status >= 400 ? call.getErrorStream() : call.getInputStream()) {
                if (in != null) {
                    in.readAllBytes();
                }
            }
            return status;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static void preload(Path jar, ClassLoader loader, Summary summary) {
        try (JarFile file = new JarFile(jar.toFile())) {
            summary.jars++;
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                // META-INF/versions/* are other releases of classes loaded by their plain name.
                if (!name.endsWith(".class") || name.startsWith("META-INF/") || name.endsWith("module-info.class")
                        || name.endsWith("package-info.class")) {
                    continue;
                }
                try {
                    Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), false, loader);
                    summary.classesLoaded++;
                } catch (ClassNotFoundException | LinkageError optionalDependencyMissing) {
                    summary.classesSkipped++;
                }
            }
        } catch (IOException e) {
            summary.unreadableJars.add(jar.toString());
        }
    }

    static List<Path> classPathJars(String classPath) {
        List<Path> jars = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) {
                jars.add(Path.of(entry));
            }
        }
        return jars;
    }

    static final class Summary {
        String handler = "";
        int trainingCallStatus;
        int trainingScrapeStatus;
        int jars;
        int classesLoaded;
        int classesSkipped;
        final List<String> unreadableJars = new ArrayList<>();

        @Override
        public String toString() {
            return handler + "; training call answered " + trainingCallStatus + ", scrape " + trainingScrapeStatus + "; loaded " + classesLoaded
                    + " classes from " + jars + " jars, skipped " + classesSkipped
                    + (unreadableJars.isEmpty() ? "" : "; unreadable: " + unreadableJars);
        }
    }

    /** Stands in for a handler that cannot start without secrets, so the HTTP path is still trained. */
    private static final class StubHandler extends AbstractHandler {
        @Override
        public IResponse Handle(IRequest request) {
            Response response = new Response();
            response.setStatusCode(204);
            response.setContentType(InvocationExchange.JSON);
            return response;
        }
    }
}

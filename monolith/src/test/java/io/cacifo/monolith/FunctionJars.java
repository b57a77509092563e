package io.cacifo.monolith;

import com.openfaas.model.AbstractHandler;
import io.cacifo.kit.Services;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Builds small function jars for the tests, each with its own {@code com.openfaas.function.Handler}
 * as every real function jar has, compiled against the kit and the model the monolith shares.
 * The handler's {@code whoami} (locker-signed only) names its function and class loader; its public
 * {@code ask} calls another function's {@code whoami} through the kit's gateway client.
 */
final class FunctionJars {
    private FunctionJars() {
    }

    static Path build(Path dir, String function, String asks) throws IOException {
        Path src = Files.createDirectories(dir.resolve(function + "-src/com/openfaas/function"));
        Files.writeString(src.resolve("Handler.java"), String.join("\n",
                "package com.openfaas.function;",
                "import com.openfaas.model.*;",
                "import io.cacifo.kit.Services;",
                "import io.cacifo.kit.http.*;",
                "import java.util.Map;",
                "public class Handler extends AbstractHandler {",
                "  private final ActionRouter router;",
                "  public Handler(Services services) {",
                "    router = ActionRouter.builder(services.functionName()).internal(services.verifier())",
                "      .internalOnly(\"whoami\", call -> Reply.ok(Map.of(\"function\", \"" + function + "\",",
                "          \"loader\", Handler.class.getClassLoader().getName())))",
                "      .publicAction(\"ask\", call -> {",
                "          GatewayReply reply = services.gateway().call(\"" + asks + "\", \"whoami\", \"{}\");",
                "          return Reply.of(reply.status(), Map.of(\"answer\", reply.body())); })",
                "      .build();",
                "  }",
                "  @Override public IResponse Handle(IRequest request) { return router.handle(request); }",
                "}"), StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(dir.resolve(function + "-classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        String classPath = location(Services.class) + java.io.File.pathSeparator + location(AbstractHandler.class);
        int status = javac.run(null, null, errors, "--release", "11", "-cp", classPath, "-d", classes.toString(),
                src.resolve("Handler.java").toString());
        if (status != 0) {
            throw new IllegalStateException("the test handler did not compile: " + errors.toString(StandardCharsets.UTF_8));
        }
        Path jar = dir.resolve(function + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                try (OutputStream entry = new NonClosing(out)) {
                    Files.copy(file, entry);
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lets Files.copy write one entry without closing the jar. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}

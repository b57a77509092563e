package io.cacifo.monolith;

import com.openfaas.model.AbstractHandler;
import io.cacifo.kit.Services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One function's jar in a class loader of its own. Every function jar holds the template's fixed
 * {@code com.openfaas.function.Handler}, so seven of them cannot share one class path; each loader
 * holds only its function's classes and asks the monolith's class path (the kit, the entrypoint's
 * model, the DB driver and pool, Gson, Prometheus) for everything else, so the seven share one copy
 * of those and one {@link Services} type.
 */
final class FunctionJar implements AutoCloseable {
    static final String HANDLER_CLASS = "com.openfaas.function.Handler";

    private final String function;
    private final URLClassLoader loader;

    private FunctionJar(String function, URLClassLoader loader) {
        this.function = function;
        this.loader = loader;
    }

    /** Throws {@link IllegalStateException} when {@code jar} is not a file. */
    static FunctionJar open(String function, Path jar, ClassLoader shared) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(function + ": no jar at " + jar + " (build it: mvn -B package)");
        }
        try {
            return new FunctionJar(function, new URLClassLoader(function, new URL[] {jar.toUri().toURL()}, shared));
        } catch (MalformedURLException e) {
            throw new IllegalStateException(function + ": " + jar + " is not a file path", e);
        }
    }

    /**
     * {@code new Handler(services)} of this jar's own Handler class. Throws {@link IllegalStateException}
     * naming the function when the class is missing, comes from the shared class path instead (a
     * function jar there would serve one Handler as all seven), or its constructor throws.
     */
    AbstractHandler handler(Services services) {
        Class<?> type;
        try {
            type = loader.loadClass(HANDLER_CLASS);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(function + ": no " + HANDLER_CLASS + " in its jar", e);
        }
        if (type.getClassLoader() != loader) {
            throw new IllegalStateException(function + ": " + HANDLER_CLASS + " was found on the monolith's own class path ("
                    + type.getClassLoader().getName() + "): leave every function jar off it");
        }
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        // What the handler looks up through the context loader while it is built (its resources) is its own.
        thread.setContextClassLoader(loader);
        try {
            return (AbstractHandler) type.getConstructor(Services.class).newInstance(services);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(function + ": its handler did not start: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException(function + ": " + HANDLER_CLASS + " has no public constructor taking Services", e);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @Override
    public void close() {
        try {
            loader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

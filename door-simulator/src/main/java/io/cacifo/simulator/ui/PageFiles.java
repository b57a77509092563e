package io.cacifo.simulator.ui;

import io.cacifo.simulator.http.Response;
import io.cacifo.simulator.http.Route;
import io.cacifo.simulator.http.Router;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The locker page: a fixed list of files from src/main/resources, read once at start. Only these
 * exact paths are served, so no request path ever reaches the class path.
 */
public final class PageFiles {
    private static final String DIR = "/io/cacifo/simulator/page/";
    private static final List<PageFile> FILES = List.of(
            new PageFile("/", "index.html", "text/html; charset=utf-8"),
            new PageFile("/page/app.js", "app.js", "text/javascript; charset=utf-8"),
            new PageFile("/page/style.css", "style.css", "text/css; charset=utf-8"));

    private PageFiles() {
    }

    /** Reads the files and serves each at its path; a missing file is a broken build, so it fails the start. */
    public static void addTo(Router router) {
        for (PageFile file : FILES) {
            Response response = new Response(200, file.contentType, read(file.resource));
            router.add("GET", Pattern.quote(file.path), Route.now(call -> response));
        }
    }

    private static byte[] read(String name) {
        try (InputStream in = PageFiles.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("page file " + DIR + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("page file " + DIR + name + " could not be read", e);
        }
    }

    private static final class PageFile {
        private final String path;
        private final String resource;
        private final String contentType;

        private PageFile(String path, String resource, String contentType) {
            this.path = path;
            this.resource = resource;
            this.contentType = contentType;
        }
    }
}

package io.cacifo.deploy;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A pom.xml as the checks read it: its parent, its packaging and the version each dependency and plugin names. */
final class Pom {
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");
    /** Folders that hold copies or output, not poms of the repository. */
    private static final Set<String> NOT_SOURCE = Set.of("target", "node_modules", ".git", ".devstack");

    final String path;
    final boolean hasParent;
    final String packaging;
    final List<Artifact> dependencies;
    final List<Artifact> managedDependencies;
    final List<Artifact> plugins;
    final List<Artifact> managedPlugins;

    /** A dependency or a plugin: groupId:artifactId (plus :type when not a jar) and the version it names, or null. */
    static final class Artifact {
        final String key;
        final String version;

        Artifact(String key, String version) {
            this.key = key;
            this.version = version;
        }

        @Override
        public String toString() {
            return key + (version == null ? "" : ":" + version);
        }
    }

    private Pom(String path, Element project) {
        this.path = path;
        this.hasParent = child(project, "parent") != null;
        this.packaging = text(project, "packaging", "jar");
        Map<String, String> properties = properties(project);
        Element build = child(project, "build");
        this.dependencies = artifacts(child(project, "dependencies"), "dependency", properties);
        this.managedDependencies = artifacts(child(child(project, "dependencyManagement"), "dependencies"), "dependency", properties);
        this.plugins = artifacts(child(build, "plugins"), "plugin", properties);
        this.managedPlugins = artifacts(child(child(build, "pluginManagement"), "plugins"), "plugin", properties);
    }

    static Pom read(String relative) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element project = factory.newDocumentBuilder().parse(Repo.path(relative).toFile()).getDocumentElement();
            return new Pom(relative, project);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + relative, e);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException(relative + " is not a readable pom", e);
        }
    }

    /** Every pom.xml of the repository, by path from its root. */
    static List<Pom> all() {
        try (Stream<Path> files = Files.walk(Repo.ROOT)) {
            return files.filter(file -> file.getFileName().toString().equals("pom.xml"))
                    .map(file -> Repo.ROOT.relativize(file).toString())
                    .filter(path -> !path.startsWith("build/") && Stream.of(path.split("/")).noneMatch(NOT_SOURCE::contains))
                    .sorted().map(Pom::read).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the poms", e);
        }
    }

    static Map<String, String> versions(List<Artifact> artifacts) {
        Map<String, String> versions = new HashMap<>();
        artifacts.forEach(artifact -> versions.put(artifact.key, artifact.version));
        return versions;
    }

    private static List<Artifact> artifacts(Element list, String tag, Map<String, String> properties) {
        List<Artifact> artifacts = new ArrayList<>();
        for (Element element : children(list, tag)) {
            String group = text(element, "groupId", "plugin".equals(tag) ? "org.apache.maven.plugins" : null);
            String type = text(element, "type", "jar");
            String key = group + ":" + text(element, "artifactId", null) + ("jar".equals(type) ? "" : ":" + type);
            String version = text(element, "version", null);
            artifacts.add(new Artifact(key, version == null ? null : resolve(version, properties)));
        }
        return artifacts;
    }

    private static Map<String, String> properties(Element project) {
        Map<String, String> properties = new HashMap<>();
        for (Element property : children(child(project, "properties"), null)) {
            properties.put(property.getTagName(), property.getTextContent().trim());
        }
        Element parent = child(project, "parent");
        properties.put("project.version", text(project, "version", parent == null ? null : text(parent, "version", null)));
        return properties;
    }

    private static String resolve(String value, Map<String, String> properties) {
        Matcher matcher = PROPERTY.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String resolved = properties.get(matcher.group(1));
            if (resolved == null) {
                throw new IllegalStateException("no property " + matcher.group(1) + " for " + value);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(resolved));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String text(Element parent, String tag, String fallback) {
        Element element = child(parent, tag);
        return element == null ? fallback : element.getTextContent().trim();
    }

    private static Element child(Element parent, String tag) {
        List<Element> found = children(parent, tag);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The direct child elements named {@code tag} (every one for null); none for a null parent. */
    private static List<Element> children(Element parent, String tag) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element && (tag == null || tag.equals(((Element) node).getTagName()))) {
                found.add((Element) node);
            }
        }
        return found;
    }

    @Override
    public String toString() {
        return path;
    }
}

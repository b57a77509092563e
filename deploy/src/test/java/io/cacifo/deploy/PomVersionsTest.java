package io.cacifo.deploy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every version is decided in the root pom. Its children take them from dependencyManagement and
 * pluginManagement (maven-enforcer-plugin's requirePluginVersions checks their plugins); the poms
 * that faas-cli copies into a build folder, where the root does not exist, have no parent and
 * name their versions, so this checks each one against the root's.
 */
class PomVersionsTest {
    /** The plugins that `mvn clean install` (bin/test) and the image's `mvn package` run for a jar. */
    private static final List<String> JAR_BUILD_PLUGINS = List.of("maven-clean-plugin", "maven-resources-plugin",
            "maven-compiler-plugin", "maven-surefire-plugin", "maven-jar-plugin", "maven-install-plugin");
    private static final Pom ROOT = Pom.read("pom.xml");
    private static final List<Pom> POMS = Pom.all();

    static List<Pom> parentLess() {
        List<Pom> poms = POMS.stream().filter(pom -> !pom.hasParent && !pom.path.equals("pom.xml")).collect(Collectors.toList());
        assertTrue(poms.stream().anyMatch(pom -> pom.path.equals("functions/kit/pom.xml")), "found: " + poms);
        return poms;
    }

    @Test
    void every_version_a_pom_without_the_root_as_parent_names_is_the_one_the_root_manages() {
        Map<String, String> dependencies = Pom.versions(ROOT.managedDependencies);
        Map<String, String> plugins = Pom.versions(ROOT.managedPlugins);
        List<String> drifted = new ArrayList<>();
        for (Pom pom : parentLess()) {
            for (Pom.Artifact dependency : pom.dependencies) {
                if (dependency.version == null || !dependency.version.equals(dependencies.get(dependency.key))) {
                    drifted.add(pom + ": " + dependency + " (root: " + dependencies.get(dependency.key) + ")");
                }
            }
            for (Pom.Artifact plugin : pom.plugins) {
                if (plugin.version == null || !plugin.version.equals(plugins.get(plugin.key))) {
                    drifted.add(pom + ": " + plugin + " (root: " + plugins.get(plugin.key) + ")");
                }
            }
        }
        assertEquals(List.of(), drifted, "versions that differ from the root pom's dependencyManagement/pluginManagement");
    }

    @Test
    void a_pom_without_the_root_as_parent_pins_every_plugin_its_build_runs() {
        List<String> unpinned = new ArrayList<>();
        for (Pom pom : parentLess()) {
            if (!"jar".equals(pom.packaging)) {
                continue;
            }
            List<String> declared = pom.plugins.stream().map(plugin -> plugin.key).collect(Collectors.toList());
            for (String plugin : JAR_BUILD_PLUGINS) {
                if (!declared.contains("org.apache.maven.plugins:" + plugin)) {
                    unpinned.add(pom + ": " + plugin);
                }
            }
        }
        assertEquals(List.of(), unpinned, "plugins that would run at the version the Maven in use picks");
    }

    @Test
    void a_pom_with_the_root_as_parent_names_no_version_of_its_own() {
        List<String> ownVersions = new ArrayList<>();
        for (Pom pom : POMS) {
            if (pom.hasParent) {
                pom.dependencies.stream().filter(artifact -> artifact.version != null).forEach(a -> ownVersions.add(pom + ": " + a));
                pom.plugins.stream().filter(artifact -> artifact.version != null).forEach(a -> ownVersions.add(pom + ": " + a));
                pom.managedDependencies.forEach(a -> ownVersions.add(pom + ": managed " + a));
                pom.managedPlugins.forEach(a -> ownVersions.add(pom + ": managed " + a));
            }
        }
        assertEquals(List.of(), ownVersions, "versions to move to the root pom");
    }

    @Test
    void the_root_pins_every_plugin_it_manages_and_every_plugin_a_jar_build_runs() {
        Map<String, String> plugins = Pom.versions(ROOT.managedPlugins);
        for (String plugin : JAR_BUILD_PLUGINS) {
            assertTrue(plugins.containsKey("org.apache.maven.plugins:" + plugin), plugin + " in " + plugins.keySet());
        }
        assertEquals(List.of(), ROOT.managedPlugins.stream().filter(plugin -> plugin.version == null).collect(Collectors.toList()));
        assertEquals(List.of(), ROOT.managedDependencies.stream().filter(dep -> dep.version == null).collect(Collectors.toList()));
    }
}

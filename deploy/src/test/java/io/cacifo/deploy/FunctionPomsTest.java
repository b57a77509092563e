package io.cacifo.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The seven function poms, and the template's skeleton that `faas-cli new` copies for a new one,
 * are one pom with different names: a dependency or a plugin one function needs, all get.
 */
class FunctionPomsTest {
    private static final String SKELETON = "template/java11-maven/function/pom.xml";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"user-manager", "partner-manager", "door-manager", "reservation-manager", "door-io",
            "screen-io", "controller"})
    void a_function_pom_differs_from_the_skeleton_only_in_its_names(String function) {
        String[] skeleton = withoutNames(Repo.read(SKELETON)).split("\n");
        String[] pom = withoutNames(Repo.read("functions/" + function + "/pom.xml")).split("\n");
        for (int line = 0; line < Math.min(skeleton.length, pom.length); line++) {
            assertEquals(skeleton[line], pom[line], "functions/" + function + "/pom.xml line " + (line + 1) + " differs from " + SKELETON);
        }
        assertEquals(skeleton.length, pom.length, "functions/" + function + "/pom.xml has another number of lines than " + SKELETON);
    }

    /** The project's own artifactId and name (two-space indent: children of project) blanked out. */
    private static String withoutNames(String pom) {
        return pom.replaceFirst("(?m)^  <artifactId>[^<]*</artifactId>$", "  <artifactId/>")
                .replaceFirst("(?m)^  <name>[^<]*</name>$", "  <name/>");
    }
}

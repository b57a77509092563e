package io.cacifo.deploy;

import java.util.regex.Pattern;

/** Image references: which are pinned to a version. */
final class Images {
    private static final Pattern DIGEST = Pattern.compile(".+@sha256:[0-9a-f]{64}");
    /** A tag that names a release ("10.11.10", "0.6.1", "11.0.25_9-jre-jammy", "3.9.9-eclipse-temurin-11"). */
    private static final Pattern VERSION_TAG = Pattern.compile("v?\\d+(\\.\\d+)+[\\w.-]*");

    private Images() {
    }

    /**
     * True for {@code name@sha256:...} and for {@code name:tag} whose tag starts with a dotted version
     * number; false for no tag, {@code latest}, a bare major such as {@code 11-jre}, or a variable.
     */
    static boolean isPinned(String reference) {
        if (reference.contains("$")) {
            return false;
        }
        if (DIGEST.matcher(reference).matches()) {
            return true;
        }
        int slash = reference.lastIndexOf('/');
        int colon = reference.lastIndexOf(':');
        if (colon <= slash) {
            return false;
        }
        return VERSION_TAG.matcher(reference.substring(colon + 1)).matches();
    }
}

package io.cacifo.users;

import io.cacifo.kit.config.Reads;

/** Everything user-manager reads: the kit's parts only, no setting of its own. */
public final class UserManagerSettings {
    private UserManagerSettings() {
    }

    public static final Reads READS = Reads.EVERY_FUNCTION.and(Reads.VERIFIER, Reads.BACKEND_VERIFIER, Reads.DATABASE);
}

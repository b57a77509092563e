package io.cacifo.partners;

import io.cacifo.kit.config.Reads;

/** Everything partner-manager reads: the kit's parts only, no setting of its own. */
public final class PartnerManagerSettings {
    private PartnerManagerSettings() {
    }

    public static final Reads READS = Reads.EVERY_FUNCTION.and(Reads.VERIFIER, Reads.BACKEND_VERIFIER, Reads.DATABASE);
}

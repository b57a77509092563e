package io.cacifo.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The order of a run's configuration-runs: every configuration once per round, odd rounds in the
 * order given and even rounds reversed (A B, B A: "ABBA"), so a machine getting busier or quieter
 * during the run weighs on every configuration alike. Emulated configurations make no latency claim,
 * so one round is enough for them.
 */
final class Rounds {
    static final int DEFAULT = 2;
    private static final String FOLDER = "round-";

    private Rounds() {
    }

    /** One configuration's run in one round. */
    static final class Slot {
        final JvmConfig config;
        final int round;

        Slot(JvmConfig config, int round) {
            this.config = config;
            this.round = round;
        }

        @Override
        public String toString() {
            return config.name() + " " + round;
        }
    }

    static List<Slot> order(List<JvmConfig> configs, int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("at least one round, not " + rounds);
        }
        List<Slot> slots = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            List<JvmConfig> inRound = new ArrayList<>(configs);
            if (round % 2 == 0) {
                Collections.reverse(inRound);
            }
            for (JvmConfig config : inRound) {
                if (round == 1 || config.kind() != JvmConfig.Kind.EMULATED_ARM64) {
                    slots.add(new Slot(config, round));
                }
            }
        }
        return slots;
    }

    /** {@code <results>/<config>/round-<n>/}. */
    static Path folder(Path results, String config, int round) {
        return results.resolve(config).resolve(FOLDER + round);
    }

    /** The round a folder named {@code round-<n>} holds, or -1 for any other name. */
    static int number(Path folder) {
        String name = folder.getFileName().toString();
        if (!name.matches(FOLDER + "[0-9]{1,3}")) {
            return -1;
        }
        return Integer.parseInt(name.substring(FOLDER.length()));
    }
}

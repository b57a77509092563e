package io.cacifo.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** One configuration's runs in the rounds of a bench run, in round order. */
final class ConfigRounds {
    final List<ConfigResults> rounds;

    ConfigRounds(List<ConfigResults> rounds) {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("a configuration with no round");
        }
        this.rounds = List.copyOf(rounds);
    }

    String name() {
        return first().record.config;
    }

    JvmConfig.Kind kind() {
        JvmConfig.Kind kind = first().record.kind;
        return kind == null ? JvmConfig.Kind.FUNCTIONS : kind;
    }

    ConfigResults first() {
        return rounds.get(0);
    }

    Optional<ConfigResults> round(int number) {
        return rounds.stream().filter(r -> r.round == number).findFirst();
    }

    /**
     * One figure of every round, in round order, each marked when one of its steps ran on a busy
     * machine; {@code figure} gives null for a round that did not measure it.
     */
    PerRound figures(Function<ConfigResults, Double> figure, String... steps) {
        List<PerRound.Value> values = new ArrayList<>();
        for (ConfigResults round : rounds) {
            Double value = figure.apply(round);
            boolean busy = false;
            for (String step : steps) {
                busy |= value != null && round.busy(step);
            }
            values.add(new PerRound.Value(round.round, value, busy));
        }
        return new PerRound(values);
    }
}

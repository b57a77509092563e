package io.cacifo.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * One figure of one configuration in each round, for a table cell: every round's value in round
 * order ({@code 846 / 812}), a value taken while others used the machine marked {@value #BUSY_MARK},
 * and the spread between rounds.
 */
final class PerRound {
    static final String BUSY_MARK = "⚠";

    /** One round's figure; a null value was not measured in that round. */
    static final class Value {
        final int round;
        final Double value;
        final boolean busy;

        Value(int round, Double value, boolean busy) {
            this.round = round;
            this.value = value;
            this.busy = busy;
        }
    }

    final List<Value> values;

    PerRound(List<Value> values) {
        this.values = List.copyOf(values);
    }

    List<Value> present() {
        return values.stream().filter(v -> v.value != null).collect(Collectors.toList());
    }

    boolean isEmpty() {
        return present().isEmpty();
    }

    boolean anyBusy() {
        return present().stream().anyMatch(v -> v.busy);
    }

    /** Every round's value, " / " between them, "–" for a round that did not measure it; null when none did. */
    String cell(int decimals) {
        return cell(decimals, "");
    }

    String cell(int decimals, String unit) {
        if (isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (Value v : values) {
            parts.add(v.value == null ? "–" : MarkdownTable.number(v.value, decimals) + unit + (v.busy ? BUSY_MARK : ""));
        }
        return String.join(" / ", parts);
    }

    /** (largest − smallest) / smallest, in %, of the rounds that measured it; null with fewer than two. */
    Double spreadPercent() {
        List<Value> present = present();
        if (present.size() < 2) {
            return null;
        }
        double min = present.stream().mapToDouble(v -> v.value).min().orElseThrow();
        double max = present.stream().mapToDouble(v -> v.value).max().orElseThrow();
        return min == 0 ? null : 100 * (max - min) / min;
    }

    /** The spread as a cell ("7 %"), "–" when there is none to give. */
    String spreadCell() {
        Double spread = spreadPercent();
        return spread == null ? null : String.format(Locale.ROOT, "%.0f %%", spread);
    }

    /**
     * A figure of two configurations taken within each round (round n of one with round n of the
     * other), e.g. a ratio; a round that only one of them ran, or whose figure is null, gives "–".
     * Marked busy when either configuration's steps were.
     */
    static PerRound paired(ConfigRounds a, ConfigRounds b, BiFunction<ConfigResults, ConfigResults, Double> figure,
                           String... steps) {
        List<Value> values = new ArrayList<>();
        for (ConfigResults left : a.rounds) {
            ConfigResults right = b.round(left.round).orElse(null);
            Double value = right == null ? null : figure.apply(left, right);
            boolean busy = false;
            for (String step : steps) {
                busy |= value != null && (left.busy(step) || right.busy(step));
            }
            values.add(new Value(left.round, value, busy));
        }
        return new PerRound(values);
    }
}

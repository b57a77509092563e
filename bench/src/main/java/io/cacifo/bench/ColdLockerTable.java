package io.cacifo.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The cold locker: everything started at once, as after a power cut, until the first door opens on a typed code. */
final class ColdLockerTable {
    private ColdLockerTable() {
    }

    static void write(StringBuilder out, List<ConfigRounds> configs) {
        out.append("\n### Cold locker\n\n");
        List<ConfigRounds> measured = new ArrayList<>();
        Set<String> functions = new LinkedHashSet<>();
        List<String> notes = new ArrayList<>();
        for (ConfigRounds config : configs) {
            for (ConfigResults round : config.rounds) {
                ColdBoot boot = round.record.coldBoot;
                if (boot == null) {
                    continue;
                }
                if (!measured.contains(config)) {
                    measured.add(config);
                }
                if (boot.readyMillis != null) {
                    functions.addAll(boot.readyMillis.keySet());
                }
                if (boot.note != null && !boot.note.isBlank()) {
                    notes.add(config.name() + ", round " + round.round + ": " + boot.note);
                }
            }
        }
        if (measured.isEmpty()) {
            out.append("Missing: no configuration of this run measured it.\n");
            return;
        }
        List<String> header = new ArrayList<>(List.of("ms from power on"));
        measured.forEach(config -> header.add(config.name()));
        MarkdownTable table = new MarkdownTable(header.toArray(new String[0]));
        List<Object> first = new ArrayList<>(List.of("**first code entry that opened a door**"));
        measured.forEach(config -> first.add(firstOpenDoor(config).cell(0)));
        table.row(first.toArray());
        for (String function : functions) {
            List<Object> row = new ArrayList<>(List.of(function + " ready"));
            for (ConfigRounds config : measured) {
                row.add(config.figures(r -> r.record.coldBoot == null || r.record.coldBoot.readyMillis == null ? null
                        : toDouble(r.record.coldBoot.readyMillis.get(function)), Plans.COLD_LOCKER).cell(0));
            }
            table.row(row.toArray());
        }
        out.append("MariaDB, the gateway and the seven functions started together as after a power cut; the time to the "
                + "first valid code typed on screen-io that opened a door, and each function's start to its first correct "
                + "answer while all start at once. One figure per round.\n\n");
        out.append(table.text());
        for (String note : notes) {
            out.append("\n").append(note).append('\n');
        }
    }

    /** Null where the round measured nothing or no door opened (a time of 0 or less). */
    static PerRound firstOpenDoor(ConfigRounds config) {
        return config.figures(r -> r.record.coldBoot == null || r.record.coldBoot.firstOpenDoorMillis <= 0 ? null
                : (double) r.record.coldBoot.firstOpenDoorMillis, Plans.COLD_LOCKER);
    }

    private static Double toDouble(Long value) {
        return value == null ? null : value.doubleValue();
    }
}

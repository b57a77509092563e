package io.cacifo.doors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How full the locker is, as occupancy replies it: totals, the same per size (every size listed,
 * zero when the locker has none) and the door alarms a person should look at.
 */
public final class Occupancy {
    final long total;
    final long free;
    final long occupied;
    final long outOfService;
    final Map<String, Counts> bySize;
    final long openAlarms;

    private Occupancy(Counts all, Map<String, Counts> bySize, long openAlarms) {
        this.total = all.total;
        this.free = all.free;
        this.occupied = all.occupied;
        this.outOfService = all.outOfService;
        this.bySize = bySize;
        this.openAlarms = openAlarms;
    }

    /** Adds up the per size-and-state tally; sizes and states missing from it count zero. */
    public static Occupancy of(List<DoorCount> tally, long openAlarms) {
        Counts all = new Counts();
        Map<String, Counts> bySize = new LinkedHashMap<>();
        for (DoorSize size : DoorSize.values()) {
            bySize.put(size.name(), new Counts());
        }
        for (DoorCount row : tally) {
            all.add(row.state, row.count);
            bySize.get(row.size.name()).add(row.state, row.count);
        }
        return new Occupancy(all, bySize, openAlarms);
    }

    /** Doors of one size (or of all sizes) by state. */
    public static final class Counts {
        long total;
        long free;
        long occupied;
        long outOfService;

        void add(DoorState state, long doors) {
            total += doors;
            switch (state) {
                case FREE:
                    free += doors;
                    break;
                case OCCUPIED:
                    occupied += doors;
                    break;
                case OUT_OF_SERVICE:
                    outOfService += doors;
                    break;
                default:
                    throw new IllegalArgumentException("unknown door state " + state);
            }
        }
    }
}

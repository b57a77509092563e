package io.cacifo.devstack.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The locker's doors and their sizes, told both to the simulator (SIM_DOORS) and to door-manager
 * (the demo data), so the board and the database describe the same locker.
 */
public final class DoorLayout {
    private final Map<Integer, String> sizes;

    private DoorLayout(Map<Integer, String> sizes) {
        this.sizes = Collections.unmodifiableMap(sizes);
    }

    /** 12 doors: 1-4 SMALL, 5-8 MEDIUM, 9-10 LARGE, 11-12 EXTRA_LARGE (the simulator's default too). */
    public static DoorLayout standard() {
        Map<Integer, String> sizes = new LinkedHashMap<>();
        for (int door = 1; door <= 12; door++) {
            sizes.put(door, door <= 4 ? "SMALL" : door <= 8 ? "MEDIUM" : door <= 10 ? "LARGE" : "EXTRA_LARGE");
        }
        return new DoorLayout(sizes);
    }

    /** Door numbers in board order. */
    public List<Integer> doors() {
        return new ArrayList<>(sizes.keySet());
    }

    public String size(int door) {
        String size = sizes.get(door);
        if (size == null) {
            throw new IllegalArgumentException("the layout has no door " + door);
        }
        return size;
    }

    /** The simulator's SIM_DOORS form: {@code 1:SMALL,2:SMALL,...}. */
    public String simDoors() {
        StringJoiner text = new StringJoiner(",");
        sizes.forEach((door, size) -> text.add(door + ":" + size));
        return text.toString();
    }
}

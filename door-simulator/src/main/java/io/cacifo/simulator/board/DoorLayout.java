package io.cacifo.simulator.board;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Which doors the board has and how big each is, in board order, e.g. {@code "1:SMALL,2:MEDIUM"}. */
public final class DoorLayout {
    public static final int MIN_DOOR = 1;
    public static final int MAX_DOOR = 9999;
    /** The default board: 12 doors, 1-4 SMALL, 5-8 MEDIUM, 9-10 LARGE, 11-12 EXTRA_LARGE. */
    public static final String DEFAULT = "1:SMALL,2:SMALL,3:SMALL,4:SMALL,5:MEDIUM,6:MEDIUM,7:MEDIUM,8:MEDIUM,"
            + "9:LARGE,10:LARGE,11:EXTRA_LARGE,12:EXTRA_LARGE";
    private static final Pattern DOOR_NUMBER = Pattern.compile("[1-9][0-9]{0,3}");

    private final Map<Integer, DoorSize> sizes;

    private DoorLayout(Map<Integer, DoorSize> sizes) {
        this.sizes = Collections.unmodifiableMap(sizes);
    }

    /** Parses a layout; anything but a non-empty list of distinct {@code number:SIZE} pairs throws {@link IllegalArgumentException}. */
    public static DoorLayout parse(String text) {
        Map<Integer, DoorSize> sizes = new LinkedHashMap<>();
        for (String entry : text.split(",", -1)) {
            String[] parts = entry.strip().split(":", -1);
            if (parts.length != 2 || !DOOR_NUMBER.matcher(parts[0].strip()).matches()) {
                throw new IllegalArgumentException("door layout entry '" + entry.strip()
                        + "' is not number:SIZE with a number from " + MIN_DOOR + " to " + MAX_DOOR);
            }
            int door = Integer.parseInt(parts[0].strip());
            DoorSize size;
            try {
                size = DoorSize.valueOf(parts[1].strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("door " + door + " has an unknown size '" + parts[1].strip()
                        + "'; use one of SMALL, MEDIUM, LARGE, EXTRA_LARGE", e);
            }
            if (sizes.put(door, size) != null) {
                throw new IllegalArgumentException("door " + door + " appears twice in the door layout");
            }
        }
        return new DoorLayout(sizes);
    }

    /** Door numbers to sizes, in the order the layout listed them. */
    public Map<Integer, DoorSize> sizes() {
        return sizes;
    }
}

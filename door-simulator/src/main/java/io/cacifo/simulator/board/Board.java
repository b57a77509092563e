package io.cacifo.simulator.board;

import io.cacifo.kit.http.ApiException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The lock board: the doors of a {@link DoorLayout}, all closed and empty at start. Thread-safe.
 * Unknown door numbers throw {@link ApiException} 404 {@code not_found}.
 */
public final class Board {
    /** The fault a jammed door reports (door-simulator/README.md, lock-board API). */
    public static final String JAMMED = "jammed";
    private final Map<Integer, Door> doors;
    private final long autoCloseMs;
    private final AutoCloseTimer autoCloser;

    /** {@code autoCloseMs} 0 leaves doors open until closed; above 0 every opening closes itself after that delay. */
    public Board(DoorLayout layout, long autoCloseMs) {
        this(layout, autoCloseMs, Set.of(), AutoCloseTimer.threaded());
    }

    /**
     * As above, with the doors in {@code jammed} jammed from the start (each must be on the layout) and
     * the auto-close run by {@code autoCloser}.
     */
    public Board(DoorLayout layout, long autoCloseMs, Set<Integer> jammed, AutoCloseTimer autoCloser) {
        Map<Integer, Door> byNumber = new LinkedHashMap<>();
        layout.sizes().forEach((number, size) -> byNumber.put(number, new Door(number, size)));
        this.doors = Collections.unmodifiableMap(byNumber);
        for (int number : jammed) {
            if (!byNumber.containsKey(number)) {
                throw new IllegalArgumentException("door " + number + " is to be jammed but is not on the board");
            }
            byNumber.get(number).setJammed(true);
        }
        this.autoCloseMs = autoCloseMs;
        this.autoCloser = autoCloser;
    }

    public long autoCloseMs() {
        return autoCloseMs;
    }

    /** Opens the door, unless it is jammed: then it stays as it was and the view says {@link DoorView#jammed}. */
    public DoorView open(int number) {
        return open(number, false);
    }

    /** {@code signal}: the door flashes and beeps on the page, so a person finds it. */
    public DoorView open(int number, boolean signal) {
        Door door = door(number);
        long opening = door.open(signal);
        if (opening >= 0 && autoCloseMs > 0) {
            autoCloser.schedule(() -> door.closeOpening(opening), autoCloseMs);
        }
        return door.view();
    }

    public DoorView close(int number) {
        Door door = door(number);
        door.close();
        return door.view();
    }

    /** Jams the door's lock (it no longer opens) or frees it. */
    public DoorView setJammed(int number, boolean jammed) {
        Door door = door(number);
        door.setJammed(jammed);
        return door.view();
    }

    /** Puts a parcel in or takes it out; a closed door gives {@link ApiException} 409 {@code door_closed}. */
    public DoorView setOccupied(int number, boolean occupied) {
        Door door = door(number);
        if (!door.setOccupied(occupied)) {
            throw ApiException.conflict("door_closed", "door " + number + " is closed: open it first");
        }
        return door.view();
    }

    /** Completes with true once the door is closed, at once if it already is, or with false after {@code timeoutMs}. */
    public CompletableFuture<Boolean> whenClosed(int number, long timeoutMs) {
        return door(number).whenClosed(timeoutMs);
    }

    /** How many waits on the door are not answered yet: a long poll is parked once it counts here. */
    public int waiting(int number) {
        return door(number).waiting();
    }

    public DoorView view(int number) {
        return door(number).view();
    }

    /** Every door, in layout order. */
    public List<DoorView> views() {
        List<DoorView> views = new ArrayList<>(doors.size());
        doors.values().forEach(door -> views.add(door.view()));
        return views;
    }

    /** Stops the auto-close timer; doors left open stay open. */
    public void shutdown() {
        autoCloser.shutdown();
    }

    private Door door(int number) {
        Door door = doors.get(number);
        if (door == null) {
            throw ApiException.notFound("the board has no door " + number);
        }
        return door;
    }
}

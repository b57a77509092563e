package io.cacifo.doorio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A lock board in memory for door-io's action tests: doors that open when told, close when the test
 * plays the person who shuts them, doors whose lock the test jams, and a switch that makes the whole
 * board stop answering.
 */
final class FakeLockBoard implements LockBoard {
    /** Per door: open, occupied, jammed. */
    private final Map<Integer, boolean[]> doors = new TreeMap<>();
    private final List<String> calls = new ArrayList<>();
    private final List<Duration> waits = new ArrayList<>();
    /** The doors a wait is parked on now, once per wait. */
    private final List<Integer> waitingOn = new ArrayList<>();
    private boolean down;

    FakeLockBoard(int... numbers) {
        for (int number : numbers) {
            doors.put(number, new boolean[] {false, false, false});
        }
    }

    synchronized void goDown() {
        down = true;
    }

    synchronized void comeBack() {
        down = false;
    }

    /** A person shuts the door, waking any wait on it. */
    synchronized void personCloses(int door) {
        door(door)[0] = false;
        notifyAll();
    }

    /**
     * Blocks until a wait on the door is parked, then shuts the door: a person closing it while
     * door-io waits, however slowly either thread runs.
     */
    synchronized void personClosesWhileWaitedOn(int door) throws InterruptedException {
        while (!waitingOn.contains(door)) {
            wait();
        }
        personCloses(door);
    }

    /** The door's lock jams: it no longer opens. */
    synchronized void jam(int door) {
        door(door)[2] = true;
    }

    synchronized void putParcel(int door) {
        door(door)[1] = true;
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    synchronized List<Duration> waits() {
        return List.copyOf(waits);
    }

    @Override
    public synchronized void open(int door) {
        answer("open " + door);
        if (door(door)[2]) {
            throw new DoorJammedException(door, "jammed");
        }
        door(door)[0] = true;
    }

    @Override
    public synchronized boolean waitClosed(int door, Duration timeout) {
        answer("wait-closed " + door);
        waits.add(timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        waitingOn.add(door);
        notifyAll();
        try {
            while (door(door)[0]) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BoardUnavailableException("interrupted", e);
                }
            }
            return true;
        } finally {
            waitingOn.remove(Integer.valueOf(door));
        }
    }

    @Override
    public synchronized DoorStatus status(int door) {
        answer("status " + door);
        boolean[] state = door(door);
        return new DoorStatus(door, state[0], state[1], state[2] ? "jammed" : null);
    }

    private void answer(String call) {
        calls.add(call);
        if (down) {
            throw new BoardUnavailableException("the fake board is down");
        }
    }

    private boolean[] door(int number) {
        boolean[] state = doors.get(number);
        if (state == null) {
            throw new UnknownDoorException(number);
        }
        return state;
    }
}

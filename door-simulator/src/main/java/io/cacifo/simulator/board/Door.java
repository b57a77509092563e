package io.cacifo.simulator.board;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One door of the board: open or closed, parcel in or not, jammed or not. Each opening gets a future
 * that the closing completes, so any number of waiters wake at once without a thread polling or sleeping.
 */
final class Door {
    private static final CompletableFuture<Void> ALREADY_CLOSED = CompletableFuture.completedFuture(null);

    private final int number;
    private final DoorSize size;
    private boolean open;
    private boolean occupied;
    /** A jammed lock does not release: {@link #open} leaves the door as it is. */
    private boolean jammed;
    /** Openings asked with a signal (flash and tone), so the page flashes once per opening. */
    private long signals;
    /** Counts openings, so a delayed auto-close of an earlier opening leaves a later one alone. */
    private long opening;
    private CompletableFuture<Void> closed = ALREADY_CLOSED;
    /** Waits on this door not answered yet. */
    private int waiting;

    Door(int number, DoorSize size) {
        this.number = number;
        this.size = size;
    }

    /**
     * Opens the door (an open door stays open) and returns the number of this opening, or -1 when the
     * door is jammed and did not open; {@code signal} counts the opening for the page's flash.
     */
    synchronized long open(boolean signal) {
        if (jammed) {
            return -1;
        }
        if (!open) {
            open = true;
            opening++;
            closed = new CompletableFuture<>();
        }
        if (signal) {
            signals++;
        }
        return opening;
    }

    /** Jams or frees the lock; a door that is open when it jams stays open until closed. */
    synchronized void setJammed(boolean value) {
        jammed = value;
    }

    /** Closes the door and wakes its waiters; closing a closed door changes nothing. */
    void close() {
        closeOpening(-1);
    }

    /** Closes the door only if it is still in the given opening: what auto-close does. */
    void closeOpening(long expectedOpening) {
        CompletableFuture<Void> waiters;
        synchronized (this) {
            if (!open || (expectedOpening >= 0 && expectedOpening != opening)) {
                return;
            }
            open = false;
            waiters = closed;
            closed = ALREADY_CLOSED;
        }
        // Outside the lock: the waiters' callbacks must not run while they could block an opening.
        waiters.complete(null);
    }

    /** false when the door is closed: a parcel goes in or out only through an open door. */
    synchronized boolean setOccupied(boolean value) {
        if (!open) {
            return false;
        }
        occupied = value;
        return true;
    }

    /** Completes with true once the door is closed (at once if it is), or with false after {@code timeoutMs}. */
    CompletableFuture<Boolean> whenClosed(long timeoutMs) {
        CompletableFuture<Void> signal;
        synchronized (this) {
            if (!open) {
                return CompletableFuture.completedFuture(true);
            }
            signal = closed;
            waiting++;
        }
        CompletableFuture<Boolean> answer = signal.thenApply(closedNow -> true)
                .completeOnTimeout(false, timeoutMs, TimeUnit.MILLISECONDS);
        answer.whenComplete((closedNow, failure) -> answered());
        return answer;
    }

    private synchronized void answered() {
        waiting--;
    }

    synchronized int waiting() {
        return waiting;
    }

    synchronized DoorView view() {
        return new DoorView(number, size, open, occupied, jammed, signals);
    }
}

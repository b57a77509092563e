package io.cacifo.doors;

/** How many doors have one size and one state: a row of the occupancy tally. */
public final class DoorCount {
    final DoorSize size;
    final DoorState state;
    final long count;

    DoorCount(DoorSize size, DoorState state, long count) {
        this.size = size;
        this.state = state;
        this.count = count;
    }
}

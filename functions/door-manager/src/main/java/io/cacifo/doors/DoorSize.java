package io.cacifo.doors;

/** How big a door's compartment is; the order is the order occupancy reports them in. */
public enum DoorSize {
    SMALL, MEDIUM, LARGE, EXTRA_LARGE
}

package io.cacifo.simulator.board;

/** The door sizes door-manager knows (docs/api.md, door-manager {@code size}). */
public enum DoorSize {
    SMALL, MEDIUM, LARGE, EXTRA_LARGE
}

package io.cacifo.controller;

/** What support may mark the parcel behind a door it opened with (support_open's {@code mark}). */
enum SupportMark {
    DELIVERED, RETURNED
}

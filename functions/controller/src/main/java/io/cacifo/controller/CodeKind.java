package io.cacifo.controller;

/** Which of a parcel's codes was typed (docs/api.md, reservation-manager). */
enum CodeKind {
    DEPOSIT, PICKUP, BACKUP
}

package io.cacifo.controller;

/** The back-end did not take a batch: unreachable, too slow, or an answer other than 2xx with an accepted list. */
final class BackendException extends Exception {
    BackendException(String message) {
        super(message);
    }

    BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}

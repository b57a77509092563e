package io.cacifo.doorio;

/** The board did not answer, not in time, or not sensibly: door-io answers 503 {@code board_unavailable}. */
public final class BoardUnavailableException extends RuntimeException {

    public BoardUnavailableException(String message) {
        super(message);
    }

    public BoardUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

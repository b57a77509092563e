package io.cacifo.backend;

/** The command line itself is wrong: exit code 2 and the usage text, nothing sent anywhere. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message, null, false, false);
    }
}

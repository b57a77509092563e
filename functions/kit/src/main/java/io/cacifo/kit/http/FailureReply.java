package io.cacifo.kit.http;

/**
 * What a router answers for a failure, once {@link Replies#failure} has said what it means: by
 * default {@link Replies#error}; screen-io adds what its screen shows. Keep the status: 4xx for the
 * caller's mistakes, 5xx for faults.
 */
@FunctionalInterface
public interface FailureReply {
    Reply of(int status, String error, String message);
}

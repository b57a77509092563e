package io.cacifo.kit.http;

/** What an action answers: a status and a value that becomes the JSON body. */
public final class Reply {
    private final int status;
    private final Object body;

    private Reply(int status, Object body) {
        this.status = status;
        this.body = body;
    }

    public static Reply ok(Object body) {
        return new Reply(200, body);
    }

    public static Reply created(Object body) {
        return new Reply(201, body);
    }

    public static Reply of(int status, Object body) {
        return new Reply(status, body);
    }

    public int status() {
        return status;
    }

    public Object body() {
        return body;
    }
}

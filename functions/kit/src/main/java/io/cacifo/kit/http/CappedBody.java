package io.cacifo.kit.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A {@code java.net.http} reply body of at most {@code cap} bytes, for {@link BlockingHttp}'s
 * methods that {@link java.net.HttpURLConnection} cannot send. One byte more (or a Content-Length
 * that says so) cancels the body, which makes the client close the connection, and fails the call
 * with {@link TooLong}; the rest is never read.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    /** What the client wraps in the {@link IOException} its {@code send} throws. */
    static final class TooLong extends IOException {
        TooLong() {
            super("the reply body is longer than allowed");
        }
    }

    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final int cap;
    private final long declaredLength;
    private Flow.Subscription subscription;

    /** {@code declaredLength}: the reply's Content-Length, or 0 when it has none. */
    CappedBody(int cap, long declaredLength) {
        this.cap = cap;
        this.declaredLength = declaredLength;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (declaredLength > cap) {
            refuse();
        } else {
            subscription.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            if (body.isDone()) {
                return;
            }
            if (bytes.size() + buffer.remaining() > cap) {
                refuse();
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            bytes.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable failure) {
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        body.complete(bytes.toByteArray());
    }

    private void refuse() {
        subscription.cancel();
        body.completeExceptionally(new TooLong());
    }
}

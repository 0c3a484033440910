package io.github.passage4j.oidc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body into memory but gives up, and cancels the transfer, once it exceeds a
 * limit: an endpoint that streams without end must cost neither unbounded memory nor time.
 */
final class BoundedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

    /** Signals that the body passed the limit; its message is safe (it only states the limit). */
    static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException(int limit) {
            super("response body exceeds " + limit + " bytes");
        }
    }

    private final int limit;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    BoundedBodySubscriber(int limit) {
        this.limit = limit;
    }

    /** A handler that also refuses up front a body whose declared length is already too large. */
    static HttpResponse.BodyHandler<byte[]> handler(int limit) {
        return info -> {
            BoundedBodySubscriber subscriber = new BoundedBodySubscriber(limit);
            if (info.headers().firstValueAsLong("Content-Length").orElse(-1L) > limit) {
                subscriber.result.completeExceptionally(new BodyTooLargeException(limit));
            }
            return subscriber;
        };
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (result.isDone()) {
            subscription.cancel();
        } else {
            subscription.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            if (buffer.size() + (long) item.remaining() > limit) {
                subscription.cancel();
                result.completeExceptionally(new BodyTooLargeException(limit));
                return;
            }
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            buffer.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(buffer.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }
}

package io.github.passage4j.oidc;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP calls to one provider, over one shared {@link HttpClient}.
 *
 * <p>Every call is bounded by the read timeout for the whole exchange, body included: the
 * request's own {@link HttpRequest.Builder#timeout timeout} only covers the wait for the response
 * headers, so a provider that sends headers and then stalls the body would otherwise hold the
 * calling (request-serving) thread indefinitely. Bodies are capped in size. Redirects are never
 * followed: an endpoint that redirects is misconfigured, and following could send the client
 * credentials elsewhere.
 *
 * <p>The client is created on first use so that building an {@link OpenIdProvider} stays free of
 * threads and I/O. It runs on an executor of our own, which also runs the background refreshes of discovery
 * and keys: its threads end when idle, and {@link #close()} ends them at once, so that nothing keeps running
 * (and pinning the application's class loader) after the application stopped.
 */
final class ProviderHttp implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(OpenIdProvider.class.getName());
    /** Idle threads end after this, so a provider that is merely unused holds no thread for long. */
    private static final long IDLE_THREAD_SECONDS = 30;
    private static final AtomicInteger THREAD_NUMBERS = new AtomicInteger();

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxBodyBytes;
    private final ClientTls tls;
    private final Object setup = new Object();
    private HttpClient client;
    private ThreadPoolExecutor executor;
    private boolean closed;

    ProviderHttp(Duration connectTimeout, Duration readTimeout, int maxBodyBytes) {
        this(connectTimeout, readTimeout, maxBodyBytes, ClientTls.DEFAULT);
    }

    ProviderHttp(Duration connectTimeout, Duration readTimeout, int maxBodyBytes, ClientTls tls) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.maxBodyBytes = maxBodyBytes;
        this.tls = tls;
    }

    /**
     * GETs a JSON document.
     *
     * @param what the name of the endpoint for messages, e.g. "discovery"
     */
    HttpAnswer get(URI uri, String what) throws ProviderUnavailableException {
        return exchange(request(uri).GET().build(), uri, what, true);
    }

    /**
     * GETs a JSON document without logging a failure, for a background fetch that logs its outage itself
     * ({@link OutageLog}).
     */
    HttpAnswer getUnlogged(URI uri, String what) throws ProviderUnavailableException {
        return exchange(request(uri).GET().build(), uri, what, false);
    }

    /**
     * Runs {@code task} on one of this provider's threads, so that no request waits for it.
     *
     * @return false when this provider has been closed and the task will not run
     */
    boolean inBackground(Runnable task) {
        try {
            executor().execute(task);
            return true;
        } catch (RejectedExecutionException closedMeanwhile) {
            return false;
        }
    }

    /**
     * POSTs an {@code application/x-www-form-urlencoded} body.
     *
     * @param headers further request headers, e.g. {@code Authorization} or {@code DPoP}
     */
    HttpAnswer postForm(URI uri, String what, String form, Map<String, String> headers)
            throws ProviderUnavailableException {
        HttpRequest.Builder request = request(uri)
                .header("Content-Type", "application/x-www-form-urlencoded");
        headers.forEach(request::header);
        return exchange(request.POST(HttpRequest.BodyPublishers.ofString(form)).build(), uri, what, true);
    }

    /**
     * GETs a JSON document with the caller's access token (RFC 6750 2.1).
     *
     * @param what the name of the endpoint for messages, e.g. "userinfo"
     */
    HttpAnswer getWithBearer(URI uri, String what, String accessToken) throws ProviderUnavailableException {
        return exchange(request(uri).header("Authorization", "Bearer " + accessToken).GET().build(), uri, what,
                true);
    }

    /**
     * GETs a JSON document with further request headers, e.g. {@code Authorization: DPoP} and {@code DPoP}
     * (RFC 9449 7.1).
     *
     * @param what the name of the endpoint for messages, e.g. "userinfo"
     */
    HttpAnswer getWithHeaders(URI uri, String what, Map<String, String> headers) throws ProviderUnavailableException {
        HttpRequest.Builder request = request(uri);
        headers.forEach(request::header);
        return exchange(request.GET().build(), uri, what, true);
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                .header("Accept", "application/json");
    }

    private HttpAnswer exchange(HttpRequest request, URI uri, String what, boolean logged)
            throws ProviderUnavailableException {
        String where = what + " (" + UriRules.forLog(uri) + ")";
        HttpClient current = client();
        if (current == null) {
            throw Failures.unavailable(where + " not called: the application is stopping", null, logged);
        }
        CompletableFuture<HttpResponse<byte[]>> pending =
                current.sendAsync(request, BoundedBodySubscriber.handler(maxBodyBytes));
        try {
            HttpResponse<byte[]> response = pending.get(readTimeout.toNanos(), TimeUnit.NANOSECONDS);
            return new HttpAnswer(response.statusCode(), response.body(),
                    response.headers().firstValue("Cache-Control").orElse(null), response.headers());
        } catch (TimeoutException e) {
            // cancelling the future aborts the exchange, so the stalled connection is not kept
            pending.cancel(true);
            throw Failures.unavailable(where + " did not answer completely within " + readTimeout.toMillis() + " ms",
                    null, logged);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw Failures.unavailable("interrupted while calling " + where, null, logged);
        } catch (ExecutionException e) {
            throw failure(where, e.getCause(), logged);
        }
    }

    private static ProviderUnavailableException failure(String where, Throwable cause, boolean logged) {
        if (cause instanceof BoundedBodySubscriber.BodyTooLargeException) {
            return Failures.unavailable(where + " answered too much: " + cause.getMessage(), null, logged);
        }
        if (cause instanceof HttpTimeoutException) {
            return Failures.unavailable(where + " timed out", cause, logged);
        }
        if (cause instanceof IOException) {
            return Failures.unavailable(where + " could not be reached", cause, logged);
        }
        return Failures.unavailable("call to " + where + " failed", cause, logged);
    }

    /** The client, created on first use; null once closed. */
    private HttpClient client() {
        synchronized (setup) {
            if (client == null && !closed) {
                client = tls.configure(HttpClient.newBuilder())
                        .connectTimeout(connectTimeout)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .executor(executorLocked())
                        .build();
            }
            return client;
        }
    }

    private ThreadPoolExecutor executor() {
        synchronized (setup) {
            return executorLocked();
        }
    }

    private ThreadPoolExecutor executorLocked() {
        if (executor == null) {
            ThreadPoolExecutor created = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_THREAD_SECONDS,
                    TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
                        Thread thread = new Thread(task, "passage4j-http-" + THREAD_NUMBERS.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
            if (closed) {
                created.shutdown();
            }
            executor = created;
        }
        return executor;
    }

    /**
     * Ends this provider's threads and releases its client; calls after it fail as unavailable. On Java 21 and
     * later the client is shut down; before, it has no such method and its selector thread ends once the client is
     * no longer reachable, which dropping it here allows.
     */
    @Override
    public void close() {
        HttpClient released;
        ThreadPoolExecutor stopped;
        synchronized (setup) {
            closed = true;
            released = client;
            stopped = executor;
            client = null;
        }
        if (stopped != null) {
            stopped.shutdownNow();
        }
        if (released != null) {
            shutDown(released);
        }
    }

    /**
     * Java 21 and later: {@code shutdownNow()}, which, unlike {@code close()}, does not wait for exchanges still
     * running (one held by a hanging provider would hold up the undeploy). Looked up reflectively: the library is
     * built for Java 17, where the client has neither.
     */
    private static void shutDown(HttpClient released) {
        try {
            HttpClient.class.getMethod("shutdownNow").invoke(released);
        } catch (NoSuchMethodException java17) {
            // released when unreachable: nothing here holds it any more
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "shutting the HTTP client down failed: {0}", e.toString());
        }
    }
}

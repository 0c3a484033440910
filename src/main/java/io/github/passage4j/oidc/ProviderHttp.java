package io.github.passage4j.oidc;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
 * threads and I/O.
 */
final class ProviderHttp {

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxBodyBytes;
    private volatile HttpClient client;

    ProviderHttp(Duration connectTimeout, Duration readTimeout, int maxBodyBytes) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * GETs a JSON document.
     *
     * @param what the name of the endpoint for messages, e.g. "discovery"
     */
    HttpAnswer get(URI uri, String what) throws ProviderUnavailableException {
        return exchange(request(uri).GET().build(), uri, what);
    }

    /**
     * POSTs an {@code application/x-www-form-urlencoded} body.
     *
     * @param authorization the value of the Authorization header
     */
    HttpAnswer postForm(URI uri, String what, String form, String authorization) throws ProviderUnavailableException {
        HttpRequest request = request(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return exchange(request, uri, what);
    }

    /**
     * GETs a JSON document with the caller's access token (RFC 6750 2.1).
     *
     * @param what the name of the endpoint for messages, e.g. "userinfo"
     */
    HttpAnswer getWithBearer(URI uri, String what, String accessToken) throws ProviderUnavailableException {
        return exchange(request(uri).header("Authorization", "Bearer " + accessToken).GET().build(), uri, what);
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                .header("Accept", "application/json");
    }

    private HttpAnswer exchange(HttpRequest request, URI uri, String what) throws ProviderUnavailableException {
        String where = what + " (" + UriRules.forLog(uri) + ")";
        CompletableFuture<HttpResponse<byte[]>> pending =
                client().sendAsync(request, BoundedBodySubscriber.handler(maxBodyBytes));
        try {
            HttpResponse<byte[]> response = pending.get(readTimeout.toNanos(), TimeUnit.NANOSECONDS);
            return new HttpAnswer(response.statusCode(), response.body());
        } catch (TimeoutException e) {
            // cancelling the future aborts the exchange, so the stalled connection is not kept
            pending.cancel(true);
            throw Failures.unavailable(where + " did not answer completely within " + readTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw Failures.unavailable("interrupted while calling " + where);
        } catch (ExecutionException e) {
            throw failure(where, e.getCause());
        }
    }

    private static ProviderUnavailableException failure(String where, Throwable cause) {
        if (cause instanceof BoundedBodySubscriber.BodyTooLargeException) {
            return Failures.unavailable(where + " answered too much: " + cause.getMessage(), null);
        }
        if (cause instanceof HttpTimeoutException) {
            return Failures.unavailable(where + " timed out", cause);
        }
        if (cause instanceof IOException) {
            return Failures.unavailable(where + " could not be reached", cause);
        }
        return Failures.unavailable("call to " + where + " failed", cause);
    }

    private HttpClient client() {
        HttpClient current = client;
        if (current == null) {
            synchronized (this) {
                current = client;
                if (current == null) {
                    current = HttpClient.newBuilder()
                            .connectTimeout(connectTimeout)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
                    client = current;
                }
            }
        }
        return current;
    }
}

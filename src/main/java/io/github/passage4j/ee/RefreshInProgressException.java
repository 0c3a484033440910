package io.github.passage4j.ee;

/**
 * The caller's tokens expired and another request (on this node or another) is refreshing them: the request is
 * answered 503 with {@code Retry-After} and no cookie change, so the browser keeps its session and its next request
 * carries the refreshed one. Ending the session instead would race the refresh's new cookie and sign the user out.
 */
final class RefreshInProgressException extends RuntimeException {

    RefreshInProgressException() {
        super("another request is refreshing the session's tokens", null, false, false);
    }
}

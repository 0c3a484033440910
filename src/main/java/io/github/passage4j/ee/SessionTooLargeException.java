package io.github.passage4j.ee;

/**
 * A signed-in session too large for the cookies of stateless mode ({@link CookieChunks#MAX_CHUNKS} of
 * {@link CookieChunks#MAX_COOKIE_BYTES} bytes). Already logged where it was found, naming the large parts; the browser
 * gets an error page instead of a sign-in that silently does not stick.
 */
final class SessionTooLargeException extends RuntimeException {

    SessionTooLargeException() {
        super("the signed-in session is too large for its cookies", null, false, false);
    }
}

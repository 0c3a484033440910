package io.github.passage4j.provider;

/** One endpoint: turns a request into a response. May throw {@link OAuthError} for a JSON OAuth error answer. */
@FunctionalInterface
interface Handler {

    /**
     * @param request the complete request
     * @return the answer
     */
    Response handle(Request request);
}

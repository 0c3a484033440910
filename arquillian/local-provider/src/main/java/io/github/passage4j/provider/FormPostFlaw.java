package io.github.passage4j.provider;

/**
 * What is wrong with the provider's answer to an authorization request that asked for
 * {@code response_mode=form_post} ({@link Behaviour#formPost}). A relying party must refuse either flaw.
 */
public enum FormPostFlaw {
    /** The response is a self-submitting form posted to the redirect URI, as OAuth 2.0 Form Post Response Mode 2 asks. */
    NONE,
    /**
     * The provider ignores the response mode and redirects with the response in the query: the code then sits in a
     * URL (history, logs, {@code Referer}) the relying party asked to keep it out of. It must refuse the GET and end
     * the attempt.
     */
    ANSWERED_AS_REDIRECT,
    /**
     * The form posts a {@code state} with its last character changed: a response that belongs to no attempt of
     * this browser. The relying party must refuse it before redeeming the code.
     */
    STATE_TAMPERED
}

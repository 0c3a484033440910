package io.github.passage4j.provider;

import java.time.Instant;
import java.util.Set;

/**
 * A validated authorization request waiting for the user to sign in on the login page. The page carries only its
 * {@link #id()}, so nothing the browser posts back can change what was validated.
 *
 * @param id            the unguessable id the login page posts back as {@code request_id}
 * @param client        the client that asked
 * @param redirectUri   the validated redirect URI, as sent
 * @param state         the client's {@code state}, or {@code null}
 * @param nonce         the client's {@code nonce}, or {@code null}
 * @param scopes        the granted scopes
 * @param codeChallenge the PKCE S256 challenge
 * @param expiresAt     when the login page stops accepting it
 * @param acrValues     the client's {@code acr_values}, or {@code null}
 */
record PendingLogin(String id, RegisteredClient client, String redirectUri, String state, String nonce,
                    Set<String> scopes, String codeChallenge, Instant expiresAt, String acrValues) {
}

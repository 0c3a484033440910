package io.github.passage4j.provider;

import java.time.Instant;
import java.util.Set;

/**
 * What an authorization code stands for, checked when the client redeems it.
 *
 * @param code          the code itself
 * @param clientId      the client it was issued to
 * @param redirectUri   the redirect URI of the authorization request, to be repeated at the token endpoint
 * @param codeChallenge the PKCE S256 challenge the verifier must match
 * @param nonce         the nonce to put in the ID token, or {@code null}
 * @param scopes        the granted scopes
 * @param user          who signed in
 * @param authTime      when they signed in
 * @param sessionId     the provider session this sign-in started ({@code sid} of the ID tokens, Back-Channel
 *                      Logout 1.0 section 2.1)
 * @param expiresAt     when the code stops being redeemable
 */
record AuthorizationCode(String code, String clientId, String redirectUri, String codeChallenge, String nonce,
                         Set<String> scopes, PassageUser user, Instant authTime, String sessionId,
                         Instant expiresAt) {
}

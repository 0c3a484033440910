package io.github.passage4j.provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code POST /token}: redeems authorization codes (with PKCE) and, when {@link Behaviour#refreshTokens(boolean)} is
 * on, refresh tokens. Errors follow RFC 6749 5.2.
 */
final class TokenEndpoint implements Handler {

    /** RFC 7636 4.1: 43 to 128 unreserved characters. */
    private static final Pattern CODE_VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private final ProviderState state;

    TokenEndpoint(ProviderState state) {
        this.state = state;
    }

    @Override
    public Response handle(Request request) {
        RegisteredClient client = ClientAuthentication.authenticate(request, state);
        String repeated = request.repeatedParameter();
        if (repeated != null) {
            throw OAuthError.invalidRequest("The parameter " + repeated + " is given more than once");
        }
        String grantType = request.formParameter("grant_type");
        if (grantType == null) {
            throw OAuthError.invalidRequest("grant_type is required");
        }
        // RFC 9449 5: the proof first, so that a use_dpop_nonce answer leaves the code or refresh token unspent
        String proofKey = state.dpop.check(request, MutualTlsListener.urlOf(state, request), null, state.behaviour,
                false);
        return switch (grantType) {
            case "authorization_code" -> redeemCode(request, client, proofKey);
            case "refresh_token" -> refresh(request, client, proofKey);
            default -> throw OAuthError.unsupportedGrantType("Unsupported grant_type " + grantType);
        };
    }

    private Response redeemCode(Request request, RegisteredClient client, String proofKey) {
        String codeValue = request.formParameter("code");
        if (codeValue == null || codeValue.isEmpty()) {
            throw OAuthError.invalidRequest("code is required");
        }
        // Redeeming takes the code out of circulation before any check: a code gets one attempt, right or wrong.
        AuthorizationCode code = state.grants.redeem(codeValue);
        if (code == null) {
            if (state.grants.revokeReplayed(codeValue)) {
                throw OAuthError.invalidGrant("The authorization code was already used");
            }
            throw OAuthError.invalidGrant("The authorization code is unknown");
        }
        if (code.expiresAt().isBefore(Instant.now())) {
            throw OAuthError.invalidGrant("The authorization code has expired");
        }
        if (!code.clientId().equals(client.id())) {
            throw OAuthError.invalidGrant("The authorization code was issued to another client");
        }
        String redirectUri = request.formParameter("redirect_uri");
        if (redirectUri == null) {
            throw OAuthError.invalidRequest("redirect_uri is required");
        }
        if (!redirectUri.equals(code.redirectUri())) {
            throw OAuthError.invalidGrant("redirect_uri does not match the authorization request");
        }
        String verifier = request.formParameter("code_verifier");
        if (code.codeChallenge() == null) {
            // Only a client allowed to leave PKCE out (Behaviour#pkceOptional) gets a code without a challenge.
            if (verifier != null) {
                throw OAuthError.invalidGrant("code_verifier given, but the authorization request had no code_challenge");
            }
        } else if (verifier == null || !CODE_VERIFIER.matcher(verifier).matches()) {
            throw OAuthError.invalidGrant("A valid code_verifier is required (PKCE)");
        } else if (!MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII),
                code.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
            throw OAuthError.invalidGrant("PKCE verification failed: code_verifier does not match code_challenge");
        }
        // RFC 9449 10: the authorization request's dpop_jkt names the only key the code may be redeemed with
        String expectedKey = state.dpop.expectedKey(code.codeChallenge());
        if (expectedKey != null && !expectedKey.equals(proofKey)) {
            throw OAuthError.invalidGrant("RFC 9449 10: the DPoP proof's key is not the dpop_jkt of the "
                    + "authorization request");
        }
        Issued issued = issue(client, code.user(), code.scopes(), code.nonce(), code.authTime(), code.sessionId(),
                proofKey, request);
        state.grants.issuedFor(codeValue, issued.accessToken);
        if (issued.refreshToken != null) {
            state.grants.issuedFor(codeValue, issued.refreshToken);
        }
        return issued.response;
    }

    private Response refresh(Request request, RegisteredClient client, String proofKey) {
        if (!state.behaviour.refreshTokens()) {
            throw OAuthError.unsupportedGrantType("Refresh tokens are not enabled");
        }
        String token = request.formParameter("refresh_token");
        if (token == null || token.isEmpty()) {
            throw OAuthError.invalidRequest("refresh_token is required");
        }
        Grants.RefreshGrant grant = state.grants.refreshToken(token);
        if (grant == null || !grant.clientId().equals(client.id())) {
            throw OAuthError.invalidGrant("The refresh token is unknown, used or revoked");
        }
        // RFC 9449 5: a refresh token issued to a DPoP key is used only with a proof of that key
        String boundKey = state.dpop.boundKey(token);
        if (boundKey != null && !boundKey.equals(proofKey)) {
            throw OAuthError.invalidGrant("RFC 9449 5: the refresh token is bound to another DPoP key");
        }
        Set<String> scopes = grant.scopes();
        String scope = request.formParameter("scope");
        if (scope != null) {
            Set<String> requested = Scopes.requested(scope);
            if (!grant.scopes().containsAll(requested)) {
                throw OAuthError.invalidScope("A refresh cannot widen the granted scope");
            }
            scopes = new LinkedHashSet<>(requested);
        }
        // Rotation: the presented token is spent; whoever loses a race for it gets invalid_grant.
        if (state.grants.takeRefreshToken(token) == null) {
            throw OAuthError.invalidGrant("The refresh token is unknown, used or revoked");
        }
        return issue(client, grant.user(), scopes, null, grant.authTime(), grant.sessionId(), proofKey, request)
                .response;
    }

    private Issued issue(RegisteredClient client, PassageUser user, Set<String> scopes, String nonce, Instant authTime,
                         String sessionId, String proofKey, Request request) {
        Behaviour behaviour = state.behaviour;
        // RFC 9449 5 and 6.1: a proof binds the tokens to its key, unless a hostile case answers Bearer
        String boundKey = behaviour.bearerTokenTypeForDpop() ? null : proofKey;
        behaviour.rotateSigningKeyIfPending();
        Instant now = behaviour.clock().instant();
        Instant accessExpiry = now.plus(behaviour.accessTokenLifetime());
        // RFC 8705 3: a token issued over mutual TLS is bound to the certificate of that connection
        String certificateThumbprint = request.clientCertificate() == null ? null
                : CertificateBindings.thumbprint(request.clientCertificate());
        String accessToken = state.tokens.accessToken(client.id(), user, scopes, now, accessExpiry, boundKey,
                certificateThumbprint);
        if (boundKey != null) {
            state.dpop.bind(accessToken, boundKey);
        }
        if (certificateThumbprint != null) {
            state.certificateBindings.bind(accessToken, certificateThumbprint);
        }
        // Bookkeeping uses the real clock, so a skewed clock changes only what tokens say.
        state.grants.addAccessToken(new Grants.AccessGrant(accessToken, client.id(), user, scopes,
                Instant.now().plus(behaviour.accessTokenLifetime())));
        // OIDC Core 10.2: encrypted to the client's key when the behaviour says so (after sign-in and refresh)
        String idToken = state.protectedResponses.idToken(client.id(),
                state.tokens.idToken(client, user, scopes, nonce, authTime, sessionId, accessToken, now));

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", accessToken);
        body.put("token_type", boundKey == null ? "Bearer" : "DPoP");
        body.put("expires_in", behaviour.accessTokenLifetime().toSeconds());
        body.put("id_token", idToken);
        body.put("scope", Scopes.join(scopes));
        String refreshToken = null;
        if (behaviour.refreshTokens()) {
            refreshToken = Randoms.token(32);
            state.grants.addRefreshToken(new Grants.RefreshGrant(refreshToken, client.id(), user, scopes, authTime,
                    sessionId));
            body.put("refresh_token", refreshToken);
            if (boundKey != null) {
                state.dpop.bind(refreshToken, boundKey);
            }
        }
        return new Issued(Response.json(200, body).noStore(), accessToken, refreshToken);
    }

    /** @return base64url(SHA-256(ASCII(verifier))), the S256 transform of RFC 7636 4.2 */
    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private record Issued(Response response, String accessToken, String refreshToken) {
    }
}

package io.github.passage4j.provider;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeyLengthException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code client_secret_jwt} and {@code private_key_jwt} at the token and PAR endpoints (RFC 7523 2.2 and 3, OIDC Core
 * 9): the assertion names the client as {@code iss} and {@code sub}, this provider as {@code aud}, expires soon, is
 * used once ({@code jti}), and is signed with HS256 under the client secret or with a key the client registered.
 */
final class ClientAssertionVerifier {

    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** What discovery announces as {@code token_endpoint_auth_signing_alg_values_supported}. */
    static final List<String> ALGORITHMS = List.of("HS256", "RS256", "PS256", "ES256");
    /** An assertion meant for one request has no business living longer. */
    static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

    /** The jti seen, until their assertion expires: RFC 7523 3 item 7, "only used once". */
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final ProviderState state;

    ClientAssertionVerifier(ProviderState state) {
        this.state = state;
    }

    /**
     * @param assertionType the {@code client_assertion_type}
     * @param assertion the {@code client_assertion}
     * @param endpointUrl the URL of the endpoint called, which RFC 7523 3 also allows as audience
     * @return the authenticated client
     * @throws OAuthError {@code invalid_client} naming the failed rule
     */
    RegisteredClient authenticate(String assertionType, String assertion, String endpointUrl) {
        if (!JWT_BEARER.equals(assertionType)) {
            throw OAuthError.invalidClient("RFC 7521 4.2: client_assertion_type must be " + JWT_BEARER);
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion == null ? "" : assertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw OAuthError.invalidClient("RFC 7523 3: the client assertion is not a signed JWT");
        }
        // RFC 7523 3 items 1-2: iss and sub are the client id
        RegisteredClient client = state.client(claims.getIssuer());
        if (client == null || !client.id().equals(claims.getSubject())) {
            throw OAuthError.invalidClient("RFC 7523 3: the assertion's iss and sub must name a registered client");
        }
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        String method = JWSAlgorithm.HS256.equals(algorithm) ? "client_secret_jwt" : "private_key_jwt";
        if (!state.behaviour.acceptsTokenEndpointAuthMethod(method)) {
            throw OAuthError.invalidClient(method + " is not accepted here");
        }
        RegisteredAuthenticationMethod.check(state.behaviour, client.id(), method);
        if (!ALGORITHMS.contains(algorithm.getName())) {
            throw OAuthError.invalidClient("RFC 7523 3: the assertion's alg " + algorithm.getName() + " is not one of "
                    + ALGORITHMS);
        }
        // RFC 7523 3 item 3: aud names this provider; under FAPI 2.0 only the issuer, as a string
        AssertionAudience.check(jwt, claims.getAudience(), state.issuer, endpointUrl,
                state.behaviour.requireIssuerAsAssertionAudience());
        Instant now = Instant.now();
        Date exp = claims.getExpirationTime();
        if (exp == null || !now.isBefore(exp.toInstant())) {
            throw OAuthError.invalidClient("RFC 7523 3 item 4: the assertion has no exp or has expired");
        }
        if (Duration.between(now, exp.toInstant()).compareTo(MAX_LIFETIME) > 0) {
            throw OAuthError.invalidClient("RFC 7523 3: the assertion lives longer than " + MAX_LIFETIME);
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isEmpty()) {
            throw OAuthError.invalidClient("RFC 7523 3 item 7: the assertion has no jti");
        }
        if (!verifies(jwt, client)) {
            throw OAuthError.invalidClient("RFC 7523 3 item 9: the assertion's signature does not verify");
        }
        // after the signature: only the client can spend its own jti
        seen.values().removeIf(expiry -> expiry.isBefore(now));
        if (seen.putIfAbsent(client.id() + " " + jti, exp.toInstant()) != null) {
            throw OAuthError.invalidClient("RFC 7523 3 item 7: the assertion's jti was used before");
        }
        return client;
    }

    private boolean verifies(SignedJWT jwt, RegisteredClient client) {
        if (JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            try {
                return jwt.verify(new MACVerifier(client.secret().getBytes(StandardCharsets.UTF_8)));
            } catch (KeyLengthException shortSecret) {
                return false;
            } catch (JOSEException e) {
                return false;
            }
        }
        JWKSet keys = state.clientJwks(client);
        return keys != null && ClientKeySignatures.verifies(jwt, keys);
    }
}

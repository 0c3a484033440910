package io.github.passage4j.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.JWTAuthentication;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.JWTID;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The JWT client assertions of {@code private_key_jwt} and {@code client_secret_jwt} (RFC 7523 2.2 and 3, OIDC Core
 * 9): the claims set and parameters come from Nimbus's OAuth 2.0 SDK; the signature is made with the client's own
 * signer, so the key is parsed once rather than per request.
 */
final class ClientAssertions {

    /** Short-lived, as RFC 7523 3 asks ("a reasonably short time") and FAPI 2.0 expects: one request needs one. */
    static final Duration LIFETIME = Duration.ofSeconds(60);

    private final String clientId;
    private final ClientAssertionAudience audience;
    private final Clock clock;

    ClientAssertions(String clientId, ClientAssertionAudience audience, Clock clock) {
        this.clientId = clientId;
        this.audience = audience;
        this.clock = clock;
    }

    /**
     * Signs a fresh assertion (new {@code jti}, {@code iat} now, {@code exp} a minute later) and adds
     * {@code client_assertion_type} and {@code client_assertion} to the form.
     *
     * @param keyIdOrNull the {@code kid} to send, so the provider picks the registered key without trying each
     * @param wrap the SDK's authentication type for the signed assertion, which renders the parameters
     */
    void add(URI endpoint, URI issuer, JWSAlgorithm algorithm, String keyIdOrNull, JWSSigner signer,
            Function<SignedJWT, JWTAuthentication> wrap, Map<String, String> form) {
        Instant now = clock.instant();
        // RFC 7523 3 items 1-2: iss and sub are the client id; 3: aud; 4: exp; 7: jti, unique per assertion.
        // One audience: Nimbus writes a one-element aud as a JSON string, the only form a FAPI 2.0 provider accepts
        // (FAPI 2.0 Security Profile 5.3.2.1; ClientAssertionsTest reads the raw payload to hold that)
        JWTAuthenticationClaimsSet claims = new JWTAuthenticationClaimsSet(new ClientID(clientId),
                List.of(new Audience(audience.of(endpoint, issuer).toString())),
                Date.from(now.plus(LIFETIME)), null, Date.from(now), new JWTID());
        SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyIdOrNull).build(),
                claims.toJWTClaimsSet());
        try {
            assertion.sign(signer);
        } catch (JOSEException e) {
            // the key was tried when the settings were resolved, so this is a fault of the JCA provider
            throw new IllegalStateException("Passage4J: signing the client assertion failed: " + e.getMessage(), e);
        }
        wrap.apply(assertion).toParameters().forEach((name, values) -> form.put(name, values.get(0)));
    }
}

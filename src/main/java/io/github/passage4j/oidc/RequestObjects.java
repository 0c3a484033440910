package io.github.passage4j.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Objects;

/**
 * Signs authorization requests as request objects (RFC 9101 JWT-Secured Authorization Request): the parameters
 * become claims of a JWT signed with the {@link ClientKey}, so the provider can tell they come from the client and
 * were not changed in the browser.
 *
 * <p>The JWT is typed {@code oauth-authz-req+jwt} (RFC 9101 10.8, so it cannot be mistaken for another kind of
 * token), names the client as {@code iss} and {@code client_id} and the issuer as {@code aud} (RFC 9101 4), and is
 * short-lived: {@code nbf} = {@code iat} = now, {@code exp} {@value #LIFETIME_SECONDS} s later, well within the 60
 * minutes FAPI 2.0 Message Signing allows between {@code nbf} and {@code exp}; a random {@code jti} lets the provider
 * refuse a replay.
 */
final class RequestObjects {

    /** RFC 9101 10.8: the media type of request objects, sent as {@code typ}. */
    static final JOSEObjectType TYPE = new JOSEObjectType("oauth-authz-req+jwt");
    /** How long a request object is valid: enough for the redirect or the push, short enough to be no asset. */
    static final long LIFETIME_SECONDS = 60;

    private final ClientKey clientKey;
    private final String clientId;
    /** How far nbf lies before now: a margin for the provider's clock, far within FAPI's 60 minutes. */
    static final Duration NOT_BEFORE_MARGIN = Duration.ofSeconds(10);

    private final URI issuer;
    private final Clock clock;

    /**
     * @param clientKey the client's signing key
     * @param clientId the client id, the request object's {@code iss} and {@code client_id}
     * @param issuer the provider's issuer, the request object's {@code aud}
     * @param clock the source of {@code iat}, {@code nbf} and {@code exp}
     */
    RequestObjects(ClientKey clientKey, String clientId, URI issuer, Clock clock) {
        this.clientKey = Objects.requireNonNull(clientKey, "clientKey");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Checks that the provider accepts the key's algorithm for request objects (RFC 9101 10.5,
     * {@code request_object_signing_alg_values_supported}; a provider that announces none is not contradicted).
     *
     * @param metadata the provider's metadata
     * @throws ProviderRejectedException naming the algorithm when the provider does not list it
     */
    void checkAlgorithm(ProviderMetadata metadata) throws ProviderRejectedException {
        String algorithm = clientKey.algorithm().getName();
        if (!metadata.requestObjectSigningAlgValuesSupported().isEmpty()
                && !metadata.requestObjectSigningAlgValuesSupported().contains(algorithm)) {
            throw new ProviderRejectedException("RFC 9101 10.5: the provider's request_object_signing_alg_values_"
                    + "supported does not list " + algorithm + ", the algorithm of the client key");
        }
    }

    /**
     * Signs the parameters of one authorization request.
     *
     * @param parameters the authorization request parameters; each becomes a claim of the same name
     * @return the compact serialization of the signed request object
     */
    String sign(Map<String, String> parameters) {
        return sign(parameters, issuer);
    }

    /**
     * As {@link #sign(Map)}, for the issuer identifier exactly as discovery spells it.
     *
     * @param parameters the authorization request parameters
     * @param audience the issuer identifier of the discovered metadata, the object's {@code aud}
     * @return the compact serialization of the signed request object
     */
    String sign(Map<String, String> parameters, URI audience) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        // OIDC Core 6.1: max_age is a JSON number in a request object; every other parameter a string
        parameters.forEach((name, value) -> claims.claim(name, "max_age".equals(name) ? Long.valueOf(value) : value));
        // RFC 9101 4 and 10.2: iss is the client, aud the provider, so the object is useful to no one else
        claims.issuer(clientId)
                .audience(audience.toString())
                .claim("client_id", clientId)
                .issueTime(Date.from(now))
                // FAPI 2.0 Message Signing 5.3.1: nbf no older than 60 minutes, exp - nbf at most 60 minutes;
                // a few seconds back, so a provider whose clock is slightly behind ours accepts it at once
                .notBeforeTime(Date.from(now.minus(NOT_BEFORE_MARGIN)))
                .expirationTime(Date.from(now.plus(Duration.ofSeconds(LIFETIME_SECONDS))))
                .jwtID(SignInSecrets.randomToken());
        JWSHeader header = new JWSHeader.Builder(clientKey.algorithm())
                .type(TYPE)
                .keyID(clientKey.keyId())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(clientKey.signer());
        } catch (JOSEException e) {
            // the key was checked to sign with its algorithm when it was loaded
            throw new IllegalStateException("the client key failed to sign the request object: " + e.getMessage());
        }
        return jwt.serialize();
    }
}

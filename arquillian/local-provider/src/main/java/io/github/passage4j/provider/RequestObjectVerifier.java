package io.github.passage4j.provider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies a request object (RFC 9101) sent as {@code request} to {@code /authorize} or {@code /par}: a JWT signed
 * by a key the client registered ({@link Behaviour#clientJwks(String, com.nimbusds.jose.jwk.JWKSet)}), whose claims
 * then are the authorization request's parameters. Every check that costs nothing runs before the signature check.
 */
final class RequestObjectVerifier {

    /** What discovery announces as {@code request_object_signing_alg_values_supported}. */
    static final List<String> ALGORITHMS = List.of("RS256", "PS256", "ES256");
    /** RFC 9101 10.8: the media type of a request object. */
    static final JOSEObjectType TYPE = new JOSEObjectType("oauth-authz-req+jwt");
    /** FAPI 2.0 Message Signing 5.3.1: at most 60 minutes between nbf and exp, nbf no older than 60 minutes. */
    static final Duration MAX_LIFETIME = Duration.ofMinutes(60);
    /** The JWT claims of the object itself, which are not authorization request parameters. */
    private static final Set<String> JWT_CLAIMS = Set.of("iss", "aud", "exp", "nbf", "iat", "jti", "sub");

    /** A request object that fails a check; the message names the rule. */
    static final class InvalidRequestObject extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidRequestObject(String message) {
            super(message, null, false, false);
        }
    }

    private final ProviderState state;

    RequestObjectVerifier(ProviderState state) {
        this.state = state;
    }

    /**
     * @param requestObject the {@code request} parameter
     * @param client        the client named by {@code client_id} (or authenticated at {@code /par})
     * @return the authorization request parameters it carries, one value each
     * @throws InvalidRequestObject naming the failed rule
     */
    Map<String, List<String>> verify(String requestObject, RegisteredClient client) throws InvalidRequestObject {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            // a JWS only: an unsecured (alg none) object does not parse as one
            jwt = SignedJWT.parse(requestObject);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidRequestObject("RFC 9101 4: the request object is not a signed JWT");
        }
        JOSEObjectType type = jwt.getHeader().getType();
        if (type != null && !TYPE.equals(type)) {
            throw new InvalidRequestObject("RFC 9101 10.8: the request object's typ is not oauth-authz-req+jwt");
        }
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(algorithm.getName())) {
            throw new InvalidRequestObject("RFC 9101 10.5: the request object is signed with " + algorithm.getName()
                    + ", not one of " + ALGORITHMS);
        }
        // the claims first: the keys may be fetched from the client's jwks_uri, which no unverified object should cost
        checkClaims(claims, client);
        JWKSet keys = state.clientJwks(client);
        if (keys == null || keys.isEmpty()) {
            throw new InvalidRequestObject("RFC 9101 6.2: the client " + client.id() + " has registered no keys");
        }
        checkSignature(jwt, keys);
        // after the signature: only the client can spend its own jti
        if (!state.requestObjectReplays.firstUse(client.id(), claims.getJWTID(), claims.getExpirationTime().toInstant(),
                state.behaviour.clock().instant())) {
            throw new InvalidRequestObject("RFC 9101 10.2: the request object's jti was used before (a replay)");
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, Object> claim : claims.getClaims().entrySet()) {
            Object value = claim.getValue();
            if (JWT_CLAIMS.contains(claim.getKey()) || value == null) {
                continue;
            }
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                parameters.put(claim.getKey(), List.of(value.toString()));
            } else {
                // OAuth parameters are strings; a structured claim (such as OIDC's claims) is not supported here
                throw new InvalidRequestObject("RFC 9101 4: the claim " + claim.getKey() + " is not a string");
            }
        }
        return parameters;
    }

    private void checkClaims(JWTClaimsSet claims, RegisteredClient client) throws InvalidRequestObject {
        // RFC 9101 4 / FAPI 2.0 Message Signing 5.3.1: signed by the client for this provider
        if (!client.id().equals(claims.getIssuer())) {
            throw new InvalidRequestObject("RFC 9101 4: the request object's iss is not the client id");
        }
        // FAPI 2.0 Message Signing 5.3.1: aud is, or is an array containing, the issuer identifier exactly
        if (claims.getAudience() == null || !claims.getAudience().contains(state.issuer)) {
            throw new InvalidRequestObject("RFC 9101 4: the request object's aud does not name this provider");
        }
        Object clientId = claims.getClaim("client_id");
        // RFC 9101 5: the client_id of the request must equal the one inside the object
        if (!client.id().equals(clientId)) {
            throw new InvalidRequestObject("RFC 9101 5: the request object's client_id is not the client's");
        }
        Instant now = state.behaviour.clock().instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new InvalidRequestObject("FAPI 2.0 Message Signing 5.3.1: the request object has no exp");
        }
        if (!now.isBefore(exp.toInstant())) {
            throw new InvalidRequestObject("RFC 9101 10.2: the request object has expired");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf == null) {
            throw new InvalidRequestObject("FAPI 2.0 Message Signing 5.3.1: the request object has no nbf");
        }
        if (now.isBefore(nbf.toInstant())) {
            throw new InvalidRequestObject("RFC 7519 4.1.5: the request object is not valid yet (nbf)");
        }
        if (Duration.between(nbf.toInstant(), now).compareTo(MAX_LIFETIME) > 0) {
            throw new InvalidRequestObject("FAPI 2.0 Message Signing 5.3.1: the request object's nbf is more than "
                    + "60 minutes in the past");
        }
        if (Duration.between(nbf.toInstant(), exp.toInstant()).compareTo(MAX_LIFETIME) > 0) {
            throw new InvalidRequestObject("FAPI 2.0 Message Signing 5.3.1: the request object's exp is more than "
                    + "60 minutes after its nbf");
        }
        // RFC 9101 10.2 / RFC 7519 4.1.7: a jti, so that a replay can be told apart (checked after the signature)
        String jti = claims.getJWTID();
        if (jti == null || jti.isEmpty()) {
            throw new InvalidRequestObject("RFC 9101 10.2: the request object has no jti, so a replay could not be "
                    + "refused");
        }
    }

    private static void checkSignature(SignedJWT jwt, JWKSet keys) throws InvalidRequestObject {
        if (!ClientKeySignatures.verifies(jwt, keys)) {
            throw new InvalidRequestObject("RFC 9101 6.2: the request object's signature does not verify with a "
                    + "registered key of the client that fits its kid and alg");
        }
    }
}

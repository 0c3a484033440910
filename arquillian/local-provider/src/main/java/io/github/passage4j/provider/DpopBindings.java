package io.github.passage4j.provider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The provider's side of DPoP (RFC 9449): checks the proofs the token and userinfo endpoints receive, hands out the
 * nonce when {@link Behaviour#requireDpopNonce(boolean)} is on, and remembers which key each authorization request
 * ({@code dpop_jkt}), access token and refresh token is bound to. A test provider: maps are bounded by the tests'
 * sign-ins, and jti are forgotten after the proof window.
 */
final class DpopBindings {

    /** RFC 9449 5.1: the algorithms announced in {@code dpop_signing_alg_values_supported}. */
    static final List<String> ALGORITHMS = List.of("ES256", "PS256", "RS256");
    private static final Set<JWSAlgorithm> ACCEPTED = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.PS256, JWSAlgorithm.RS256);
    private static final JOSEObjectType DPOP_JWT = new JOSEObjectType("dpop+jwt");
    private static final Duration MAX_AGE = Duration.ofSeconds(60);
    private static final Duration MAX_FUTURE = Duration.ofSeconds(5);
    private static final int MAX_PROOF_LENGTH = 8_192;

    private final Map<String, Instant> seenJti = new ConcurrentHashMap<>();
    private final Map<String, String> keyByCodeChallenge = new ConcurrentHashMap<>();
    private final Map<String, String> keyByToken = new ConcurrentHashMap<>();
    private volatile String nonce = Randoms.token(16);

    /**
     * Remembers the {@code dpop_jkt} of an authorization request (RFC 9449 10), by its PKCE challenge, which is
     * unique per request; the code of that request is then redeemable only with a proof of that key.
     */
    void expectKey(String codeChallenge, String dpopJkt) {
        if (codeChallenge != null && dpopJkt != null && !dpopJkt.isEmpty()) {
            keyByCodeChallenge.put(codeChallenge, dpopJkt);
        }
    }

    /** The key the authorization request of this challenge named, taken out (a code is redeemed once), or null. */
    String expectedKey(String codeChallenge) {
        return codeChallenge == null ? null : keyByCodeChallenge.remove(codeChallenge);
    }

    /** Records that a token (access or refresh) is bound to the key of this thumbprint. */
    void bind(String token, String thumbprint) {
        keyByToken.put(token, thumbprint);
    }

    /** The thumbprint a token is bound to, or null for an unbound token. */
    String boundKey(String token) {
        return token == null ? null : keyByToken.get(token);
    }

    /**
     * Checks the request's DPoP proof as RFC 9449 4.3 describes, with {@code ath} when an access token is presented.
     *
     * @param request the request
     * @param htu the URL of the endpoint
     * @param accessTokenOrNull the access token the proof must name, or null at the token endpoint
     * @param behaviour whether a nonce is required
     * @param resourceServer whether errors are answered as a resource server (401 with a DPoP challenge) or as the
     *     token endpoint (400)
     * @return the proof key's thumbprint, or null when the request has no proof (and needs none)
     */
    String check(Request request, String htu, String accessTokenOrNull, Behaviour behaviour, boolean resourceServer) {
        List<String> proofs = request.headers().getOrDefault("dpop", List.of());
        if (proofs.isEmpty()) {
            if (accessTokenOrNull != null) {
                throw invalidProof("RFC 9449 7.1: a DPoP token needs a DPoP proof", resourceServer);
            }
            return null;
        }
        if (proofs.size() > 1) {
            throw invalidProof("RFC 9449 4.3 step 1: more than one DPoP header", resourceServer);
        }
        String proof = proofs.get(0);
        if (proof.length() > MAX_PROOF_LENGTH) {
            throw invalidProof("RFC 9449 4.3 step 2: the DPoP proof is oversized", resourceServer);
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(proof);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalidProof("RFC 9449 4.3 step 2: the DPoP proof is no signed JWT", resourceServer);
        }
        if (!DPOP_JWT.equals(jwt.getHeader().getType())) {
            throw invalidProof("RFC 9449 4.3 step 4: typ is not dpop+jwt", resourceServer);
        }
        if (!ACCEPTED.contains(jwt.getHeader().getAlgorithm())) {
            throw invalidProof("RFC 9449 4.3 step 5: alg is not accepted", resourceServer);
        }
        JWK key = jwt.getHeader().getJWK();
        if (key == null || key.isPrivate()) {
            throw invalidProof("RFC 9449 4.3 step 7: jwk is missing or private", resourceServer);
        }
        Date issuedAt = claims.getIssueTime();
        if (claims.getJWTID() == null || issuedAt == null || !(claims.getClaim("htm") instanceof String htm)
                || !(claims.getClaim("htu") instanceof String proofHtu)) {
            throw invalidProof("RFC 9449 4.3 step 3: jti, htm, htu or iat is missing", resourceServer);
        }
        if (!htm.equals(request.method())) {
            throw invalidProof("RFC 9449 4.3 step 8: htm is not the request method", resourceServer);
        }
        if (!normalised(proofHtu).equals(normalised(htu))) {
            throw invalidProof("RFC 9449 4.3 step 9: htu is not this endpoint", resourceServer);
        }
        Instant now = Instant.now();
        if (issuedAt.toInstant().isBefore(now.minus(MAX_AGE)) || issuedAt.toInstant().isAfter(now.plus(MAX_FUTURE))) {
            throw invalidProof("RFC 9449 4.3 step 11: iat is outside the accepted window", resourceServer);
        }
        if (accessTokenOrNull != null && !(claims.getClaim("ath") instanceof String ath
                && MessageDigest.isEqual(ath.getBytes(StandardCharsets.US_ASCII),
                TokenEndpoint.s256(accessTokenOrNull).getBytes(StandardCharsets.US_ASCII)))) {
            throw invalidProof("RFC 9449 4.3 step 12: ath is not the access token's hash", resourceServer);
        }
        verifySignature(jwt, key, resourceServer);
        String thumbprint;
        try {
            thumbprint = key.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw invalidProof("RFC 9449 4.3: the jwk has no thumbprint", resourceServer);
        }
        // RFC 9449 4.3 step 10 and 8: the server's nonce, when it asks for one
        if (behaviour.requireDpopNonce() && !nonce.equals(claims.getClaim("nonce"))) {
            throw useNonce(resourceServer);
        }
        // RFC 9449 11.1: each proof once; recorded after the signature, so only the key holder fills the map
        seenJti.values().removeIf(forgetAt -> forgetAt.isBefore(now));
        if (seenJti.putIfAbsent(thumbprint + " " + claims.getJWTID(), now.plus(MAX_AGE).plus(MAX_FUTURE)) != null) {
            throw invalidProof("RFC 9449 11.1: the proof's jti was used before", resourceServer);
        }
        return thumbprint;
    }

    /** RFC 9449 4.3 step 9 with RFC 3986 6.2.2: scheme and host in lower case, no query or fragment. */
    private static String normalised(String url) {
        try {
            java.net.URI uri = new java.net.URI(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "";
            }
            String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443)
                    || ("http".equals(scheme) && port == 80);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return scheme + "://" + uri.getHost().toLowerCase(java.util.Locale.ROOT) + (defaultPort ? "" : ":" + port)
                    + path;
        } catch (java.net.URISyntaxException e) {
            return "";
        }
    }

    /** The nonce the provider currently asks for. */
    String nonce() {
        return nonce;
    }

    private static void verifySignature(SignedJWT jwt, JWK key, boolean resourceServer) {
        try {
            boolean valid;
            if (key instanceof ECKey ec && JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
                valid = jwt.verify(new ECDSAVerifier(ec));
            } else if (key instanceof RSAKey rsa && !JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
                valid = jwt.verify(new RSASSAVerifier(rsa));
            } else {
                valid = false;
            }
            if (!valid) {
                throw invalidProof("RFC 9449 4.3 step 6: the signature does not verify with the jwk", resourceServer);
            }
        } catch (JOSEException e) {
            throw invalidProof("RFC 9449 4.3 step 6: the signature cannot be verified", resourceServer);
        }
    }

    private OAuthError useNonce(boolean resourceServer) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("DPoP-Nonce", nonce);
        if (resourceServer) {
            headers.put("WWW-Authenticate", "DPoP error=\"use_dpop_nonce\", error_description=\"Resource server "
                    + "requires nonce in DPoP proof\"");
            return OAuthError.dpop(401, "use_dpop_nonce", "A DPoP nonce is required", headers);
        }
        return OAuthError.dpop(400, "use_dpop_nonce", "A DPoP nonce is required", headers);
    }

    static OAuthError invalidProof(String description, boolean resourceServer) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (resourceServer) {
            headers.put("WWW-Authenticate", "DPoP error=\"invalid_dpop_proof\", algs=\"" + String.join(" ", ALGORITHMS)
                    + "\", error_description=\"" + description.replace("\"", "'") + "\"");
            return OAuthError.dpop(401, "invalid_dpop_proof", description, headers);
        }
        return OAuthError.dpop(400, "invalid_dpop_proof", description, headers);
    }
}

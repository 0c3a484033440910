package io.github.passage4j.provider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;

import java.util.List;

/** Verifies a JWT a client signed (client assertion, request object) with the keys it registered. */
final class ClientKeySignatures {

    /** A client has few keys; trying more than this for one JWT is work for an attacker's benefit. */
    private static final int MAX_CANDIDATE_KEYS = 4;

    private ClientKeySignatures() {
    }

    /**
     * @return whether one of the registered keys that fit the header's {@code kid} and {@code alg} verifies it
     */
    static boolean verifies(SignedJWT jwt, JWKSet keys) {
        // the key type must fit the algorithm and the kid the header's: a key registered for nothing else
        List<JWK> candidates = new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader())).select(keys);
        DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();
        for (JWK key : candidates.subList(0, Math.min(candidates.size(), MAX_CANDIDATE_KEYS))) {
            try {
                if (key instanceof AsymmetricJWK asymmetric
                        && jwt.verify(verifiers.createJWSVerifier(jwt.getHeader(), asymmetric.toPublicKey()))) {
                    return true;
                }
            } catch (JOSEException e) {
                // this key cannot verify this algorithm: try the next
            }
        }
        return false;
    }
}

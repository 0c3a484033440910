package io.github.passage4j.provider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import java.util.ArrayList;
import java.util.List;

/**
 * The provider's RSA signing keys: the current one, which signs, and those the JWKS publishes.
 *
 * <p>Thread-safe: rotation swaps an immutable snapshot, so a request always sees a current key that is published.
 */
final class SigningKeys {

    /** RSA modulus size; 2048 bits is what Passage and most providers use for RS256. */
    static final int KEY_SIZE = 2048;

    private volatile Snapshot snapshot;
    /** Published beside the RSA keys only when {@link Behaviour#publishEcSigningKey()} says so. */
    private final ECKey ec = generateEc();

    SigningKeys() {
        RSAKey first = generate();
        snapshot = new Snapshot(first, List.of(first));
    }

    /** @return the provider's EC P-256 signing key for ES256 (with its private part); it never rotates */
    ECKey ec() {
        return ec;
    }

    /** @return the key that signs tokens now (with its private part) */
    RSAKey current() {
        return snapshot.current;
    }

    /** @return the keys the JWKS publishes, newest first, with their private parts */
    List<RSAKey> published() {
        return snapshot.published;
    }

    /** @return the published keys as a JWK set holding only public parts */
    JWKSet publicJwkSet() {
        return new JWKSet(new ArrayList<>(snapshot.published)).toPublicJWKSet();
    }

    /**
     * Generates a new current key.
     *
     * @param keepPrevious whether keys published so far stay published
     * @return the new key's id
     */
    synchronized String rotate(boolean keepPrevious) {
        RSAKey next = generate();
        List<RSAKey> published = new ArrayList<>();
        published.add(next);
        if (keepPrevious) {
            published.addAll(snapshot.published);
        }
        snapshot = new Snapshot(next, List.copyOf(published));
        return next.getKeyID();
    }

    private static RSAKey generate() {
        try {
            // A thumbprint kid is stable for the key and unique across rotations without keeping a counter.
            return new RSAKeyGenerator(KEY_SIZE)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA signing key", e);
        }
    }

    private static ECKey generateEc() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                    .keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an EC signing key", e);
        }
    }

    private record Snapshot(RSAKey current, List<RSAKey> published) {
    }
}

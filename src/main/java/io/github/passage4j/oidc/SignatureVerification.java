package io.github.passage4j.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeyLengthException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies the signature of a token (ID token, logout token, access token) whose algorithm has
 * already been accepted.
 *
 * <p>Asymmetric signatures are checked only against keys from the provider's {@code jwks_uri}; key
 * material or key locations in the token header are never used (the header rules reject them
 * beforehand). A key is a candidate when its type fits the algorithm (RSA for RS and PS, EC on the
 * algorithm's curve for ES), its own {@code alg}, if any, is the token's, RSA keys have at least
 * 2048 bits (RFC 7518 3.3), and, if the token names a {@code kid}, its key id is that one.
 *
 * <p>A token without {@code kid} is checked against each candidate in turn and accepted if any of
 * them verifies it; when none does, the key set is fetched again (within the same rate limit as for an unknown
 * {@code kid}) and the keys new to it are tried, since a rotation is otherwise invisible without key ids. With a single candidate that is the obvious choice; with several, trying each
 * costs a few verifications but does not weaken anything, since every candidate is a key the
 * provider itself publishes for signing, and it spares providers that omit {@code kid} while
 * publishing an old and a new key during rotation.
 *
 * <p>HMAC signatures (only reachable when the settings allow HS*) are keyed with the UTF-8 octets
 * of the client secret (OIDC Core 10.1), never with anything from the JWK Set, so a token "signed"
 * with a public key used as HMAC secret fails. Without a client secret (access tokens) there is no
 * HMAC key at all, and every HMAC signature fails.
 *
 * <p>Each instance verifies with one key set; an instance may be shared by the kinds of token that
 * the same provider signs with the same keys (ID tokens and logout tokens).
 */
final class SignatureVerification {

    private static final int MIN_RSA_BITS = 2048;
    /** A provider publishes a handful of keys; more entries than this mean keys came and went, so start afresh. */
    private static final int MAX_PREPARED_KEYS = 64;

    private final JwksCache jwks;
    private final byte[] clientSecret;
    /**
     * Keys already turned into a verifier. Building one decodes the key's numbers, which costs about as much as
     * checking a signature; keyed by the JWK's value, so a refetched but unchanged key is still found.
     */
    private final Map<JWK, PreparedKey> prepared = new ConcurrentHashMap<>();

    /**
     * @param clientSecret the HMAC key for HS* (OIDC Core 10.1), or null where no HMAC key exists
     */
    SignatureVerification(JwksCache jwks, String clientSecret) {
        this.jwks = jwks;
        this.clientSecret = clientSecret == null ? null : clientSecret.getBytes(StandardCharsets.UTF_8);
    }

    void verify(JwtKind kind, SignedJWT token, SigningAlgorithm algorithm, URI jwksUri)
            throws ProviderUnavailableException, ProviderRejectedException {
        if (algorithm.isHmac()) {
            verifyHmac(kind, token, algorithm);
            return;
        }
        String kid = token.getHeader().getKeyID();
        List<JWK> candidates = jwks.keys(jwksUri, key -> fits(prepare(key), key, algorithm, kid));
        if (candidates.isEmpty()) {
            // OIDC Core 3.1.3.7 step 6 / RFC 9068 4 step 5 / Back-Channel Logout 2.6 step 2: the signature
            // must be validated with a key of the issuer
            throw new ProviderRejectedException(kind.signatureStep() + ": jwks_uri has no " + algorithm.keyType()
                    + " key for " + algorithm + (kid == null ? "" : " with the token's kid"));
        }
        for (JWK key : candidates) {
            if (verifies(token, prepare(key))) {
                return;
            }
        }
        if (kid == null) {
            for (JWK key : jwks.untriedKeys(jwksUri, each -> fits(prepare(each), each, algorithm, null), candidates)) {
                if (verifies(token, prepare(key))) {
                    return;
                }
            }
        }
        // OIDC Core 3.1.3.7 step 6 / RFC 9068 4 step 5 / Back-Channel Logout 2.6 step 2: the signature must be valid
        throw new ProviderRejectedException(kind.signatureStep() + ": " + kind.displayName() + " signature is invalid");
    }

    private void verifyHmac(JwtKind kind, SignedJWT token, SigningAlgorithm algorithm) throws ProviderRejectedException {
        if (clientSecret == null) {
            // RFC 9068 4 step 5: the keys are the issuer's published ones, and a JWK Set never yields an HMAC key
            throw new ProviderRejectedException(kind.hmacStep() + ": no HMAC key is configured for " + kind.displayName()
                    + "s");
        }
        boolean valid;
        try {
            // OIDC Core 3.1.3.7 step 8 / Back-Channel Logout 2.6 step 2: for HMAC the key is the client secret's UTF-8 octets
            valid = token.verify(new MACVerifier(clientSecret));
        } catch (KeyLengthException e) {
            throw new ProviderRejectedException(kind.hmacStep() + ": the client secret is too short for "
                    + algorithm + " (RFC 7518 3.2)");
        } catch (JOSEException | IllegalStateException e) {
            valid = false;
        }
        if (!valid) {
            throw new ProviderRejectedException(kind.hmacStep() + ": " + kind.displayName() + " HMAC signature is invalid");
        }
    }

    private static boolean fits(PreparedKey prepared, JWK key, SigningAlgorithm algorithm, String kid) {
        if (!algorithm.keyType().equals(key.getKeyType())) {
            return false;
        }
        if (kid != null && !kid.equals(key.getKeyID())) {
            return false;
        }
        if (key.getAlgorithm() != null && !algorithm.name().equals(key.getAlgorithm().getName())) {
            return false;
        }
        if (KeyType.EC.equals(key.getKeyType())) {
            return Objects.equals(algorithm.curve(), key.toECKey().getCurve());
        }
        return prepared.size() >= MIN_RSA_BITS;
    }

    private PreparedKey prepare(JWK key) {
        PreparedKey known = prepared.get(key);
        if (known != null) {
            return known;
        }
        if (prepared.size() >= MAX_PREPARED_KEYS) {
            prepared.clear();
        }
        PreparedKey fresh = PreparedKey.of(key);
        prepared.put(key, fresh);
        return fresh;
    }

    private static boolean verifies(SignedJWT token, PreparedKey key) {
        if (key.verifier() == null) {
            return false;
        }
        try {
            return token.verify(key.verifier());
        } catch (JOSEException | IllegalStateException e) {
            // a key that cannot be used is just not the right key; others may still verify
            return false;
        }
    }

    /**
     * A published key ready to verify with.
     *
     * @param verifier the verifier, or null when the key cannot verify anything (then it is never the right key)
     * @param size     the key's size in bits
     */
    private record PreparedKey(JWSVerifier verifier, int size) {

        static PreparedKey of(JWK key) {
            try {
                JWSVerifier verifier = KeyType.RSA.equals(key.getKeyType())
                        ? new RSASSAVerifier((RSAKey) key)
                        : KeyType.EC.equals(key.getKeyType()) ? new ECDSAVerifier((ECKey) key) : null;
                return new PreparedKey(verifier, key.size());
            } catch (JOSEException | RuntimeException unusable) {
                return new PreparedKey(null, 0);
            }
        }
    }
}

package io.github.passage4j.oidc;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.KeyType;
import java.util.Optional;

/**
 * The JWS algorithms this library can verify, with what each needs: the key type, the curve for
 * ECDSA and the hash function that OIDC Core 3.1.3.8 uses for {@code at_hash}.
 *
 * <p>Anything outside this list (none, EdDSA, ES256K, ...) is refused when the settings are built,
 * so that a misconfiguration shows at deployment rather than at the first sign-in.
 */
enum SigningAlgorithm {
    RS256(KeyType.RSA, null, "SHA-256"),
    RS384(KeyType.RSA, null, "SHA-384"),
    RS512(KeyType.RSA, null, "SHA-512"),
    PS256(KeyType.RSA, null, "SHA-256"),
    PS384(KeyType.RSA, null, "SHA-384"),
    PS512(KeyType.RSA, null, "SHA-512"),
    ES256(KeyType.EC, Curve.P_256, "SHA-256"),
    ES384(KeyType.EC, Curve.P_384, "SHA-384"),
    ES512(KeyType.EC, Curve.P_521, "SHA-512"),
    HS256(KeyType.OCT, null, "SHA-256"),
    HS384(KeyType.OCT, null, "SHA-384"),
    HS512(KeyType.OCT, null, "SHA-512");

    private final KeyType keyType;
    private final Curve curve;
    private final String hashAlgorithm;

    SigningAlgorithm(KeyType keyType, Curve curve, String hashAlgorithm) {
        this.keyType = keyType;
        this.curve = curve;
        this.hashAlgorithm = hashAlgorithm;
    }

    /** The JWS names of all, in declaration order (an immutable set). */
    static java.util.Set<String> names() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (SigningAlgorithm each : values()) {
            names.add(each.name());
        }
        return java.util.Collections.unmodifiableSet(names);
    }

    /** The algorithm with exactly this JWS name; names are case-sensitive (RFC 7515 4.1.1). */
    static Optional<SigningAlgorithm> forName(String name) {
        for (SigningAlgorithm candidate : values()) {
            if (candidate.name().equals(name)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    KeyType keyType() {
        return keyType;
    }

    /** The curve an EC key must be on, or null for non-EC algorithms. */
    Curve curve() {
        return curve;
    }

    /** The {@link java.security.MessageDigest} name of the algorithm's hash function. */
    String hashAlgorithm() {
        return hashAlgorithm;
    }

    boolean isHmac() {
        return keyType == KeyType.OCT;
    }
}

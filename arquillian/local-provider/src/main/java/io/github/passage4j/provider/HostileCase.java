package io.github.passage4j.provider;

import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Hostile mode: one attack on a relying party per constant, so that a single deployed application can face them all
 * from one provider, switching case per test.
 *
 * <p>Each case makes the provider do <em>exactly one</em> thing wrong in an otherwise valid sign-in (RS256 tokens
 * from the published key, right issuer, audience, nonce, times and {@code at_hash}, RFC 9207 {@code iss} in the
 * redirect). A few cases are not attacks but odd-yet-valid provider behaviour that a relying party must cope with:
 * {@link #relyingPartyMustAccept()} is true for those, and a relying party must complete the sign-in; for every other
 * case it must refuse it.
 *
 * <pre>{@code
 * HostileCase.NONCE_WRONG.applyTo(provider);   // resets the behaviour, then breaks exactly one thing
 * // ... sign in through the application: it must fail (or succeed when relyingPartyMustAccept())
 * provider.behaviour().reset();                 // normal behaviour again (a key rotation that happened stays)
 * }</pre>
 *
 * <p>{@link #target()} names the check of an independent reference validation (see {@link Check}) that the case
 * breaks, or for an accepted case, that it exercises and that must still pass. The module's {@code HostileCaseTest}
 * proves for every case that exactly that check fails (or that all pass).
 *
 * <p>Hostile values used: issuer suffix {@value #OTHER_ISSUER_SUFFIX}, audience/azp {@value #UNTRUSTED_CLIENT},
 * UserInfo subject {@value #OTHER_SUBJECT}. Attacker keys are generated once per JVM on first use; the attacker's
 * JWK set is served at {@link Endpoint#HOSTILE_JWKS}, and {@link Endpoint#HOSTILE_X5U} exists only to be named; a
 * test can check with {@link LocalPassageProvider#requestCount(Endpoint)} that a relying party fetched neither (and,
 * with {@link LocalPassageProvider#userinfoRequests()}, whether it called UserInfo at all, which
 * {@link #USERINFO_SUB_MISMATCH} needs).
 */
public enum HostileCase {

    // ------------------------------------------------------------ OpenID RP conformance (Basic / Config)

    /**
     * The ID token's {@code iss} is the issuer followed by {@value #OTHER_ISSUER_SUFFIX} (a prefix match would pass it).
     * Breaks OIDC Core 3.1.3.7 step 2: {@code iss} must exactly match the issuer identifier.
     */
    ID_TOKEN_ISSUER_MISMATCH(false, Check.ISS) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            String other = provider.issuer() + OTHER_ISSUER_SUFFIX;
            behaviour.idTokenClaims(claims -> claims.issuer(other));
        }
    },

    /** The ID token has no {@code sub}. Breaks OIDC Core 2: {@code sub} is REQUIRED. */
    ID_TOKEN_SUB_MISSING(false, Check.SUB) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            behaviour.idTokenClaims(claims -> claims.subject(null));
        }
    },

    /**
     * The ID token's {@code aud} is {@value #UNTRUSTED_CLIENT} only. Breaks OIDC Core 3.1.3.7 step 3: the ID token
     * must list the client as an audience.
     */
    ID_TOKEN_AUD_WRONG(false, Check.AUD) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            behaviour.idTokenClaims(claims -> claims.audience(UNTRUSTED_CLIENT));
        }
    },

    /** The ID token has no {@code aud}. Breaks OIDC Core 2 ({@code aud} is REQUIRED) and 3.1.3.7 step 3. */
    ID_TOKEN_AUD_MISSING(false, Check.AUD) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            behaviour.idTokenClaims(claims -> claims.audience((String) null));
        }
    },

    /** The ID token has no {@code iat}. Breaks OIDC Core 2: {@code iat} is REQUIRED. */
    ID_TOKEN_IAT_MISSING(false, Check.IAT) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            behaviour.idTokenClaims(claims -> claims.issueTime(null));
        }
    },

    /**
     * The ID token header has no {@code kid} and the JWKS publishes exactly one key, the signing key. Valid: OIDC Core
     * 10.1 requires a {@code kid} only when the JWK set holds several keys. Must be accepted.
     */
    KID_ABSENT_SINGLE_KEY(true, Check.SIGNATURE) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            behaviour.idTokenHeader(header -> header.keyID(null));
            behaviour.jwksDocument(jwks -> {
                String signing = provider.signingKey().getKeyID();
                List<Object> only = new ArrayList<>();
                for (Object key : keysOf(jwks)) {
                    if (key instanceof Map<?, ?> map && signing.equals(map.get("kid"))) {
                        only.add(key);
                    }
                }
                jwks.put("keys", only);
                return jwks;
            });
        }
    },

    /**
     * The ID token header has no {@code kid} while the JWKS publishes several RSA keys: two decoys first, then the
     * signing key. OIDC Core 10.1 says a {@code kid} MUST then be given, but the OpenID RP conformance test
     * ({@code rp-id_token-kid-absent-multiple-jwks}) lets a relying party either refuse or try every candidate key;
     * Passage4J tries each RSA signature key, so for us the case must be accepted.
     */
    KID_ABSENT_SEVERAL_KEYS(true, Check.SIGNATURE) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            behaviour.idTokenHeader(header -> header.keyID(null));
            List<Map<String, Object>> decoys = List.of(HostileKeys.decoyRsa(0).toJSONObject(), HostileKeys.decoyRsa(1).toJSONObject());
            behaviour.jwksDocument(jwks -> prependKeys(jwks, decoys));
        }
    },

    /** No deviation at all: an RS256 ID token from the published key, the baseline. Must be accepted. */
    RS256_SIGNED(true, Check.SIGNATURE) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            // the provider's normal behaviour
        }
    },

    /**
     * An unsigned ID token ({@code {"alg":"none"}}, empty signature part) that still carries a right {@code at_hash}.
     * Breaks OIDC Core 3.1.3.7 steps 6-7 (the token must be signed with the advertised algorithm; discovery advertises
     * RS256 only, and {@code none} needs the client to have registered for it) and RFC 8725 3.1.
     */
    ALG_NONE_WITH_AT_HASH(false, Check.ALG) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            behaviour.unsignedIdTokens(true);
        }
    },

    /**
     * An unsigned ID token ({@code {"alg":"none"}}, empty signature part) without {@code at_hash} (optional in the code
     * flow, OIDC Core 3.1.3.6). Breaks OIDC Core 3.1.3.7 steps 6-7 and RFC 8725 3.1, like
     * {@link #ALG_NONE_WITH_AT_HASH}.
     */
    ALG_NONE_WITHOUT_AT_HASH(false, Check.ALG) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            behaviour.unsignedIdTokens(true).idTokenClaims(claims -> claims.claim("at_hash", null));
        }
    },

    /**
     * A valid ID token from the published key whose signature has one bit flipped. Breaks OIDC Core 3.1.3.7 step 6 and
     * RFC 7515 5.2: the signature must verify.
     */
    BAD_SIGNATURE(false, Check.SIGNATURE) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            behaviour.corruptIdTokenSignatures(true);
        }
    },

    /**
     * UserInfo answers with {@code sub} {@value #OTHER_SUBJECT}. Breaks OIDC Core 5.3.2: the UserInfo {@code sub} must
     * exactly match the ID token's, or the response must not be used. Only a relying party that calls UserInfo can
     * notice: check {@link LocalPassageProvider#userinfoRequests()}.
     */
    USERINFO_SUB_MISMATCH(false, Check.USERINFO_SUB) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            behaviour.userinfoClaims(claims -> {
                claims.put("sub", OTHER_SUBJECT);
                return claims;
            });
        }
    },

    /**
     * The ID token's {@code nonce} is not the one the client sent. Breaks OIDC Core 3.1.3.7 step 11 (and 15.5.2).
     */
    NONCE_WRONG(false, Check.NONCE) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            behaviour.idTokenClaims(claims -> claims.claim("nonce", "hostile-" + Randoms.token(16)));
        }
    },

    /**
     * The ID token has no {@code nonce} although the client sent one. Breaks OIDC Core 3.1.3.7 step 11 (and 2: the
     * nonce must be present when the request had one).
     */
    NONCE_MISSING(false, Check.NONCE) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            behaviour.idTokenClaims(claims -> claims.claim("nonce", null));
        }
    },

    /**
     * The discovery document's {@code issuer} is the issuer followed by {@value #OTHER_ISSUER_SUFFIX}, unlike the URL
     * it is served under; tokens and the redirect keep the real issuer. Breaks OIDC Discovery 4.3: the issuer must be
     * identical to the URL used as prefix to {@code /.well-known/openid-configuration}.
     */
    DISCOVERY_ISSUER_MISMATCH(false, Check.DISCOVERY_ISSUER) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            String other = provider.issuer() + OTHER_ISSUER_SUFFIX;
            behaviour.discoveryDocument(document -> {
                document.put("issuer", other);
                return document;
            });
        }
    },

    /**
     * At the next token request, the provider rotates to a new signing key (new {@code kid}, published in the JWKS
     * next to the old one) and signs with it: a relying party that cached the JWKS before must fetch it again on the
     * unknown {@code kid} (OIDC Core 10.1.1). Must be accepted. Apply it after the relying party fetched the JWKS
     * (e.g. after a normal sign-in); {@link Behaviour#reset()} does not undo a rotation that happened.
     */
    SIGNING_KEY_ROTATED(true, Check.SIGNATURE) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            behaviour.rotateSigningKeyAtNextTokenRequest();
        }
    },

    /**
     * The JWKS lists, before the real keys, an entry of unknown {@code kty} ({@code "XYZ"}), an RSA key whose
     * {@code n} is not base64url, and a valid RSA key for encryption ({@code "use":"enc"}, kid
     * {@code encryption-key}); the token is signed normally. Valid: RFC 7517 5 says to ignore keys of unknown type,
     * missing members or out-of-range values, and 4.2 keeps {@code enc} keys out of signature checks. Must be
     * accepted.
     */
    JWKS_WITH_UNPARSEABLE_KEYS(true, Check.SIGNATURE) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            Map<String, Object> unknownType = new LinkedHashMap<>();
            unknownType.put("kty", "XYZ");
            unknownType.put("kid", "unknown-key-type");
            unknownType.put("use", "sig");
            unknownType.put("x", "AQAB");
            Map<String, Object> badModulus = new LinkedHashMap<>();
            badModulus.put("kty", "RSA");
            badModulus.put("kid", "invalid-modulus");
            badModulus.put("use", "sig");
            badModulus.put("alg", "RS256");
            badModulus.put("n", "%%not-base64url%%");
            badModulus.put("e", "AQAB");
            Map<String, Object> encryption = new RSAKey.Builder(HostileKeys.decoyRsa(1)).keyID("encryption-key")
                    .keyUse(KeyUse.ENCRYPTION).algorithm(JWEAlgorithm.RSA_OAEP_256).build().toJSONObject();
            List<Map<String, Object>> garbage = List.of(unknownType, badModulus, encryption);
            behaviour.jwksDocument(jwks -> prependKeys(jwks, garbage));
        }
    },

    // ------------------------------------------------------------ JOSE attacks

    /**
     * HS256 ID token whose HMAC secret is the DER (X.509 SubjectPublicKeyInfo) encoding of the published RSA signing
     * key, with that key's {@code kid}: RS256/HS256 key confusion. Breaks OIDC Core 3.1.3.7 step 7 and RFC 8725 3.1
     * (the algorithm must be the expected one and fit the key; discovery advertises RS256 only).
     */
    HS256_WITH_RSA_PUBLIC_KEY(false, Check.ALG) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            behaviour.signIdTokensWithHmac(Behaviour.HmacSecret.SIGNING_KEY_PUBLIC_DER);
        }
    },

    /**
     * HS256 ID token keyed with the client's secret (computed with {@code javax.crypto.Mac}, as the secret may be
     * shorter than 256 bits), no {@code kid}, while discovery advertises RS256 only. Breaks OIDC Core 3.1.3.7 steps
     * 7-8: a MAC-based algorithm is acceptable only when the client asked for it.
     */
    HS256_WITH_CLIENT_SECRET(false, Check.ALG) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            behaviour.signIdTokensWithHmac(Behaviour.HmacSecret.CLIENT_SECRET);
        }
    },

    /**
     * RS256 ID token signed with an attacker key that the header itself carries as {@code jwk} (kid
     * {@code attacker-rsa}). Breaks OIDC Core 10.1 / 3.1.3.7 step 6 (keys come from the provider's {@code jwks_uri})
     * and RFC 8725 3.10 (a key chosen by the token's maker proves nothing).
     */
    JWK_HEADER(false, Check.HEADER) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            RSAKey attacker = HostileKeys.attackerRsa();
            behaviour.signIdTokensWith(attacker).idTokenHeader(header -> header.jwk(attacker.toPublicJWK()));
        }
    },

    /**
     * RS256 ID token signed with an attacker key (kid {@code attacker-rsa}) whose header {@code jku} points at the
     * attacker's JWK set, served by this provider at {@link Endpoint#HOSTILE_JWKS}. Breaks OIDC Core 10.1 / 3.1.3.7
     * step 6 and RFC 8725 3.10; a relying party must not even fetch the URL.
     */
    JKU_HEADER(false, Check.HEADER) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            URI jku = provider.endpoint(Endpoint.HOSTILE_JWKS);
            behaviour.signIdTokensWith(HostileKeys.attackerRsa()).idTokenHeader(header -> header.jwkURL(jku));
        }
    },

    /**
     * RS256 ID token signed with an attacker key (kid {@code attacker-rsa}) whose header {@code x5u} points at
     * {@link Endpoint#HOSTILE_X5U} (which serves no certificate: a relying party must not fetch it). Breaks OIDC Core
     * 10.1 / 3.1.3.7 step 6 and RFC 8725 3.10.
     */
    X5U_HEADER(false, Check.HEADER) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            URI x5u = provider.endpoint(Endpoint.HOSTILE_X5U);
            behaviour.signIdTokensWith(HostileKeys.attackerRsa()).idTokenHeader(header -> header.x509CertURL(x5u));
        }
    },

    /**
     * ID token signed EdDSA (Ed25519, RFC 8037) with a key that the JWKS publishes for the occasion (kid
     * {@code eddsa-ed25519}), so the signature itself verifies: only the algorithm is wrong. EdDSA is valid JOSE, but
     * outside an RS/PS/ES 256-512 allow-list and not in discovery's {@code id_token_signing_alg_values_supported}
     * (chosen over HS512 so that a relying party letting the header and the JWKS pick the algorithm would accept it,
     * and over ES256K because the JDK dropped secp256k1). Breaks OIDC Core 3.1.3.7 step 7 and RFC 8725 3.1.
     */
    ALG_OUTSIDE_ALLOW_LIST(false, Check.ALG) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            JWK eddsa = HostileKeys.attackerEd25519();
            behaviour.signIdTokensWith(eddsa).idTokenHeader(header -> withAlgorithm(header, JWSAlgorithm.EdDSA));
            List<Map<String, Object>> published = List.of(eddsa.toPublicJWK().toJSONObject());
            behaviour.jwksDocument(jwks -> appendKeys(jwks, published));
        }
    },

    /**
     * ID token signed ES256 by the provider's own EC P-256 key, which the JWKS publishes beside the RSA key while
     * discovery lists ES256 next to RS256 ({@link Behaviour#signIdTokensWithEcKey()}): a valid signature by a
     * published key and an advertised algorithm, but not the one the client registered (RS256, the default
     * {@code id_token_signed_response_alg}). The OpenID conformance suite's {@code wrong-alg} tests. Breaks OIDC Core
     * 3.1.3.7 step 7 and RFC 8725 3.1.
     */
    WRONG_ALG_PUBLISHED_KEY(false, Check.ALG) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            behaviour.signIdTokensWithEcKey();
        }
    },

    // ------------------------------------------------------------ claims

    /**
     * The ID token expired 2 minutes ago (beyond a 60 s skew); {@code iat} is 5 minutes before that. Breaks OIDC Core
     * 3.1.3.7 step 9.
     */
    EXP_PAST(false, Check.EXP) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            behaviour.idTokenClaims(claims -> {
                Instant now = issuedAt(claims);
                return times(claims, now.minus(Duration.ofMinutes(7)), now.minus(Duration.ofMinutes(2)));
            });
        }
    },

    /** The ID token has no {@code exp}. Breaks OIDC Core 2 ({@code exp} is REQUIRED) and 3.1.3.7 step 9. */
    EXP_MISSING(false, Check.EXP) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            behaviour.idTokenClaims(claims -> claims.expirationTime(null));
        }
    },

    /**
     * The ID token's {@code iat} is 1 hour in the future ({@code exp} 1 hour after it). Breaks OIDC Core 3.1.3.7 step
     * 10: a token issued too far from the current time is refused.
     */
    IAT_IN_FUTURE(false, Check.IAT) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            behaviour.idTokenClaims(claims -> {
                Instant now = issuedAt(claims);
                return times(claims, now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(2)));
            });
        }
    },

    /**
     * The ID token was issued 1 day ago ({@code iat} and {@code auth_time}) yet expires in 1 hour. Breaks OIDC Core
     * 3.1.3.7 step 10: a token issued too far from the current time is refused.
     */
    IAT_TOO_OLD(false, Check.IAT) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            behaviour.idTokenClaims(claims -> {
                Instant now = issuedAt(claims);
                return times(claims, now.minus(Duration.ofDays(1)), now.plus(Duration.ofHours(1)));
            });
        }
    },

    /**
     * {@code aud} is {@code [client, "untrusted-client"]} with no {@code azp}. Breaks OIDC Core 3.1.3.7 step 3 (no
     * additional audience the client does not trust) and step 4 (several audiences call for {@code azp}).
     */
    AUD_EXTRA_WITHOUT_AZP(false, Check.AUD) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            behaviour.idTokenClaims(claims -> claims.audience(List.of(clientOf(claims), UNTRUSTED_CLIENT)));
        }
    },

    /**
     * {@code aud} is {@code [client, "untrusted-client"]} and {@code azp} is {@code "untrusted-client"}: a token issued
     * to another client that lists this one too. Breaks OIDC Core 3.1.3.7 step 3 (untrusted audience) and step 5
     * ({@code azp} must be the client). The target is {@link Check#AUD}: the reference validation checks {@code azp}
     * only once the audience passed (steps 3 then 5), so {@link Check#AZP} is skipped.
     */
    AUD_EXTRA_WITH_WRONG_AZP(false, Check.AUD) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            behaviour.idTokenClaims(claims -> claims.audience(List.of(clientOf(claims), UNTRUSTED_CLIENT))
                    .claim("azp", UNTRUSTED_CLIENT));
        }
    },

    /**
     * {@code aud} is the client alone but {@code azp} is {@code "untrusted-client"}. Breaks OIDC Core 3.1.3.7 step 5:
     * when present, {@code azp} must be the client's id.
     */
    AZP_WRONG_SINGLE_AUD(false, Check.AZP) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            behaviour.idTokenClaims(claims -> claims.claim("azp", UNTRUSTED_CLIENT));
        }
    },

    /**
     * The ID token's {@code at_hash} is well-formed but hashes another value than the access token issued with it.
     * Breaks OIDC Core 3.1.3.6 / 3.1.3.8 (in the code flow checking it is optional, but a wrong value shows the access
     * token is not the one the ID token was issued with).
     */
    AT_HASH_WRONG(false, Check.AT_HASH) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            behaviour.idTokenClaims(claims -> claims.claim("at_hash", TokenIssuer.atHash("not-the-access-token-" + Randoms.token(8))));
        }
    },

    // ------------------------------------------------------------ authorization response (RFC 9207)

    /**
     * The authorization response's {@code iss} parameter is the issuer followed by {@value #OTHER_ISSUER_SUFFIX}.
     * Breaks RFC 9207 2.4: {@code iss} must equal the issuer the request was sent to (mix-up defence).
     */
    ISS_PARAMETER_WRONG(false, Check.ISS_PARAMETER) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            behaviour.authorizationResponseIssuer(issuer -> issuer + OTHER_ISSUER_SUFFIX);
        }
    },

    /**
     * The authorization response has no {@code iss} parameter while discovery advertises
     * {@code authorization_response_iss_parameter_supported: true}. Breaks RFC 9207 2.4: such a response must be
     * refused.
     */
    ISS_PARAMETER_MISSING(false, Check.ISS_PARAMETER) {
        @Override
        void configure(Behaviour behaviour, LocalPassageProvider provider) {
            behaviour.authorizationResponseIssuer(issuer -> null);
        }
    };

    /** Appended to the issuer where a case needs a different but similar issuer. */
    public static final String OTHER_ISSUER_SUFFIX = "/other";
    /** The audience or authorized party a case puts in the ID token next to or instead of the client. */
    public static final String UNTRUSTED_CLIENT = "untrusted-client";
    /** The {@code sub} UserInfo answers with in {@link #USERINFO_SUB_MISMATCH}. */
    public static final String OTHER_SUBJECT = "user-mallory";

    /**
     * The checks of the reference validation a relying party is expected to do, each named as {@link #id()}; a case's
     * {@link HostileCase#target()} is one of them. Some checks depend on others and are skipped when those fail:
     * {@link #SIGNATURE} on {@link #ALG} and {@link #HEADER}, {@link #AZP} on {@link #AUD}, {@link #USERINFO_SUB} on
     * {@link #SUB}.
     */
    public enum Check {
        /** {@code "signature"}: the RS256 signature verifies with the JWKS key of the token's {@code kid} (refetching
         *  the JWKS once on an unknown {@code kid}), or with one of the RSA signature keys when there is no {@code kid};
         *  unusable JWKS entries are ignored. */
        SIGNATURE("signature"),
        /** {@code "alg"}: the token is a JWS with {@code alg} RS256, the only algorithm discovery advertises. */
        ALG("alg"),
        /** {@code "header"}: the header has none of {@code jwk}, {@code jku}, {@code x5u}, {@code x5c}. */
        HEADER("header"),
        /** {@code "iss"}: the ID token's {@code iss} equals the issuer (the URL discovery is served under). */
        ISS("iss"),
        /** {@code "aud"}: {@code aud} is exactly the client id (a string or a one-element array). */
        AUD("aud"),
        /** {@code "azp"}: {@code azp} is absent or the client id. */
        AZP("azp"),
        /** {@code "exp"}: {@code exp} is present and not past (60 s skew). */
        EXP("exp"),
        /** {@code "iat"}: {@code iat} is present, not in the future (60 s skew) and at most 10 minutes old. */
        IAT("iat"),
        /** {@code "sub"}: {@code sub} is present and not empty. */
        SUB("sub"),
        /** {@code "nonce"}: {@code nonce} equals the one sent in the authorization request. */
        NONCE("nonce"),
        /** {@code "at_hash"}: when present, {@code at_hash} is the left half of SHA-256 of the access token. */
        AT_HASH("at_hash"),
        /** {@code "discovery-issuer"}: discovery's {@code issuer} equals the URL it is served under. */
        DISCOVERY_ISSUER("discovery-issuer"),
        /** {@code "iss-parameter"}: the authorization response has an {@code iss} parameter equal to the issuer. */
        ISS_PARAMETER("iss-parameter"),
        /** {@code "userinfo-sub"}: UserInfo's {@code sub} equals the ID token's. */
        USERINFO_SUB("userinfo-sub");

        private final String id;

        Check(String id) {
            this.id = id;
        }

        /** @return the check's short name, e.g. {@code "iss-parameter"} */
        public String id() {
            return id;
        }

        @Override
        public String toString() {
            return id;
        }
    }

    private final boolean mustAccept;
    private final Check target;

    HostileCase(boolean mustAccept, Check target) {
        this.mustAccept = mustAccept;
        this.target = target;
    }

    /**
     * @return true for the few cases that are odd but valid provider behaviour, which a relying party must accept
     *         ({@link #KID_ABSENT_SINGLE_KEY}, {@link #KID_ABSENT_SEVERAL_KEYS}, {@link #RS256_SIGNED},
     *         {@link #SIGNING_KEY_ROTATED}, {@link #JWKS_WITH_UNPARSEABLE_KEYS}); false when it must refuse the sign-in
     */
    public boolean relyingPartyMustAccept() {
        return mustAccept;
    }

    /**
     * @return the reference check this case breaks (the only one that fails), or, when
     *         {@link #relyingPartyMustAccept()}, the check it exercises (which must pass, like all others)
     */
    public Check target() {
        return target;
    }

    /**
     * Resets {@code provider.behaviour()} and then configures this case, so that it is the only deviation. Undo it
     * with {@code provider.behaviour().reset()} (a key rotation that already happened stays).
     *
     * @param provider a started provider
     * @throws IllegalStateException when the provider is not started
     */
    public void applyTo(LocalPassageProvider provider) {
        Objects.requireNonNull(provider, "provider");
        provider.issuer(); // fails early when not started: hooks below need the issuer and endpoints
        Behaviour behaviour = provider.behaviour();
        behaviour.reset();
        configure(behaviour, provider);
    }

    /** Sets the case's switches on a freshly reset behaviour. */
    abstract void configure(Behaviour behaviour, LocalPassageProvider provider);

    // ------------------------------------------------------------ helpers

    @SuppressWarnings("unchecked")
    private static List<Object> keysOf(Map<String, Object> jwks) {
        Object keys = jwks.get("keys");
        return keys instanceof List<?> list ? (List<Object>) list : List.of();
    }

    private static Map<String, Object> prependKeys(Map<String, Object> jwks, List<Map<String, Object>> extra) {
        List<Object> keys = new ArrayList<>(extra);
        keys.addAll(keysOf(jwks));
        jwks.put("keys", keys);
        return jwks;
    }

    private static Map<String, Object> appendKeys(Map<String, Object> jwks, List<Map<String, Object>> extra) {
        List<Object> keys = new ArrayList<>(keysOf(jwks));
        keys.addAll(extra);
        jwks.put("keys", keys);
        return jwks;
    }

    /** @return a header builder like {@code header} (kid, typ) but for {@code algorithm} */
    private static JWSHeader.Builder withAlgorithm(JWSHeader.Builder header, JWSAlgorithm algorithm) {
        JWSHeader built = header.build();
        return new JWSHeader.Builder(algorithm).keyID(built.getKeyID()).type(built.getType());
    }

    /** @return the issue time the provider gave the claims */
    private static Instant issuedAt(JWTClaimsSet.Builder claims) {
        Object iat = claims.getClaims().get("iat");
        return iat instanceof Date date ? date.toInstant() : Instant.now();
    }

    /** @return the claims with these times, {@code auth_time} moved back to {@code iat} if it came later */
    private static JWTClaimsSet.Builder times(JWTClaimsSet.Builder claims, Instant iat, Instant exp) {
        claims.issueTime(Date.from(iat)).expirationTime(Date.from(exp));
        Object authTime = claims.getClaims().get("auth_time");
        if (authTime instanceof Number number && number.longValue() > iat.getEpochSecond()) {
            claims.claim("auth_time", iat.getEpochSecond());
        }
        return claims;
    }

    /** @return the client the claims are issued to (the provider's {@code client_id} claim) */
    private static String clientOf(JWTClaimsSet.Builder claims) {
        return (String) claims.getClaims().get("client_id");
    }
}

package io.github.passage4j.provider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Set;
import java.util.UUID;

/** Mints the signed tokens: access tokens (RFC 9068 JWTs) and ID tokens shaped as Passage issues them. */
final class TokenIssuer {

    /** RFC 9068 media type of JWT access tokens. */
    private static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");

    private final String issuer;
    private final SigningKeys keys;
    private final Behaviour behaviour;
    private final AuthenticationContexts authenticationContexts;

    TokenIssuer(String issuer, SigningKeys keys, Behaviour behaviour, AuthenticationContexts authenticationContexts) {
        this.issuer = issuer;
        this.keys = keys;
        this.behaviour = behaviour;
        this.authenticationContexts = authenticationContexts;
    }

    /**
     * @param clientId the client (audience)
     * @param user     the user (subject)
     * @param scopes   the granted scopes
     * @param now      issue time
     * @param expires  expiry time
     * @return a signed access token; always signed with the provider's key, since only the provider reads it
     */
    String accessToken(String clientId, PassageUser user, Set<String> scopes, Instant now, Instant expires) {
        return accessToken(clientId, user, scopes, now, expires, null);
    }

    /** As the other, bound to a DPoP key ({@code cnf.jkt}, RFC 9449 6.1) when {@code dpopJkt} is not null. */
    String accessToken(String clientId, PassageUser user, Set<String> scopes, Instant now, Instant expires,
                       String dpopJkt) {
        return accessToken(clientId, user, scopes, now, expires, dpopJkt, null);
    }

    /**
     * As the others, also bound to a client certificate ({@code cnf.x5t#S256}, RFC 8705 3.1) when
     * {@code certificateThumbprint} is not null.
     */
    String accessToken(String clientId, PassageUser user, Set<String> scopes, Instant now, Instant expires,
                       String dpopJkt, String certificateThumbprint) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        java.util.Map<String, Object> confirmation = new java.util.LinkedHashMap<>();
        if (dpopJkt != null) {
            confirmation.put("jkt", dpopJkt);
        }
        if (certificateThumbprint != null) {
            confirmation.put("x5t#S256", certificateThumbprint);
        }
        if (!confirmation.isEmpty()) {
            builder.claim("cnf", confirmation);
        }
        JWTClaimsSet claims = builder
                .issuer(issuer)
                .subject(user.sub())
                .audience(clientId)
                .claim("client_id", clientId)
                .expirationTime(Date.from(expires))
                .issueTime(Date.from(now))
                .claim("scope", Scopes.join(scopes))
                .jwtID(UUID.randomUUID().toString())
                .build();
        JWK key = behaviour.accessTokensSignedWithEcKey() ? keys.ec() : keys.current();
        JWSAlgorithm algorithm = key instanceof com.nimbusds.jose.jwk.ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
        JWSHeader header = new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).type(ACCESS_TOKEN_TYPE).build();
        return sign(header, claims, key);
    }

    /**
     * @param client      the client (audience; its secret keys the HMAC of {@link Behaviour.HmacSecret#CLIENT_SECRET})
     * @param user        the user
     * @param scopes      the granted scopes, deciding which user claims appear
     * @param nonce       the authorization request's nonce, or {@code null}
     * @param authTime    when the user signed in
     * @param sessionId   the provider session ({@code sid}), the same for every ID token of one sign-in
     * @param accessToken the access token issued alongside, hashed into {@code at_hash}
     * @param now         issue time
     * @return a signed ID token, after {@link Behaviour}'s hooks had their say (unsigned or with a corrupted
     *         signature if the behaviour says so)
     */
    String idToken(RegisteredClient client, PassageUser user, Set<String> scopes, String nonce, Instant authTime,
                   String sessionId, String accessToken, Instant now) {
        String clientId = client.id();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(user.sub())
                .audience(clientId) // Nimbus writes a one-element audience as a plain string, as Passage does
                .claim("client_id", clientId)
                // OIDC Core 2 / 3.1.3.7 step 13; Behaviour#authTime leaves it out or moves it a day back
                .claim("auth_time", switch (behaviour.authTime()) {
                    case NONE -> authTime.getEpochSecond();
                    case MISSING -> null;
                    case TOO_OLD -> authTime.minus(AuthTimeFlaw.TOO_OLD_BY).getEpochSecond();
                })
                // Back-Channel Logout 1.0 section 2.1: sid names the provider session, for logout tokens to name it
                .claim("sid", sessionId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(behaviour.idTokenLifetime())));
        if (behaviour.includeAzp()) {
            claims.claim("azp", clientId);
        }
        // OIDC Core 2: how the session was authenticated; Behaviour#acr claims another class than it was
        String acr = behaviour.acr() != null ? behaviour.acr() : authenticationContexts.of(sessionId);
        if (acr != null) {
            claims.claim("acr", acr);
        }
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        claims.claim("at_hash", atHash(accessToken));
        UserClaims.of(user, scopes).forEach((name, value) -> {
            if (!"sub".equals(name)) {
                claims.claim(name, value);
            }
        });
        JWTClaimsSet finalClaims = behaviour.idTokenClaims().apply(claims).build();
        if (behaviour.unsignedIdTokens()) {
            // Header exactly {"alg":"none"}, signature part empty (RFC 7519 6.1).
            return new PlainJWT(finalClaims).serialize();
        }
        Behaviour.HmacSecret hmac = behaviour.idTokenHmacSecret();
        JWSHeader.Builder header;
        JWSSigner signer;
        String keyId;
        if (hmac != null) {
            RSAKey current = keys.current();
            header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT);
            if (hmac != Behaviour.HmacSecret.CLIENT_SECRET) {
                header.keyID(current.getKeyID());
            }
            signer = JdkSigners.hmac(hmacSecret(hmac, client, current));
            keyId = "HMAC " + hmac;
        } else {
            JWK key = behaviour.idTokenSigningKey() != null ? behaviour.idTokenSigningKey() : keys.current();
            header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT);
            signer = signerOrFail(key);
            keyId = key.getKeyID();
        }
        JWSHeader finalHeader = behaviour.idTokenHeader().apply(header).build();
        String token = sign(finalHeader, finalClaims, signer, keyId);
        return behaviour.corruptIdTokenSignatures() ? corruptSignature(token) : token;
    }

    /** @return the HMAC secret bytes {@code source} names */
    static byte[] hmacSecret(Behaviour.HmacSecret source, RegisteredClient client, RSAKey signingKey) {
        switch (source) {
            case CLIENT_SECRET:
                return client.secret().getBytes(StandardCharsets.UTF_8);
            case SIGNING_KEY_PUBLIC_DER:
                return publicKeyDer(signingKey);
            case SIGNING_KEY_PUBLIC_PEM:
                String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(publicKeyDer(signingKey));
                return ("-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII);
            default:
                throw new IllegalStateException("unknown HMAC secret " + source);
        }
    }

    private static byte[] publicKeyDer(RSAKey key) {
        try {
            return key.toRSAPublicKey().getEncoded();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot encode the public key " + key.getKeyID(), e);
        }
    }

    /** @return {@code token} with one bit of its signature's middle byte flipped */
    static String corruptSignature(String token) {
        int dot = token.lastIndexOf('.');
        byte[] signature = new Base64URL(token.substring(dot + 1)).decode();
        signature[signature.length / 2] ^= 0x01;
        return token.substring(0, dot + 1) + Base64URL.encode(signature);
    }

    /**
     * @param accessToken an access token
     * @return its {@code at_hash}: the left-most half of its SHA-256 hash, base64url (OpenID Connect Core 3.1.3.6)
     */
    static String atHash(String accessToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64URL.encode(Arrays.copyOf(digest, digest.length / 2)).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims, JWK key) {
        return sign(header, claims, signerOrFail(key), key.getKeyID());
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer, String keyId) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token with key " + keyId + " and " + header.getAlgorithm(), e);
        }
        return jwt.serialize();
    }

    private static JWSSigner signerOrFail(JWK key) {
        try {
            return signerFor(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with key " + key.getKeyID(), e);
        }
    }

    private static JWSSigner signerFor(JWK key) throws JOSEException {
        if (key instanceof RSAKey rsa) {
            return new RSASSASigner(rsa);
        }
        if (key instanceof ECKey ec) {
            return new ECDSASigner(ec);
        }
        if (key instanceof OctetSequenceKey secret) {
            return new MACSigner(secret);
        }
        if (key instanceof OctetKeyPair okp) {
            return JdkSigners.ed25519(okp);
        }
        throw new JOSEException("no signer for key type " + key.getKeyType());
    }
}

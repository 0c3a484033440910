package io.github.passage4j.provider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * Tokens a test asks for directly rather than through a sign-in: back-channel logout tokens (which a provider sends
 * on its own), JWT access tokens and Passage element tokens, each valid or broken by one {@link TokenFlaw}.
 */
final class MintedTokens {

    /** Back-Channel Logout 1.0 section 2.4: the member of {@code events} that makes a JWT a logout token. */
    static final String BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";
    /** Where Passage element tokens of an app are issued, below the issuer: {@code <issuer>/v1/apps/<appId>}. */
    static final String APPS_PATH = "/v1/apps/";

    private final ProviderState state;

    MintedTokens(ProviderState state) {
        this.state = state;
    }

    String logoutToken(String clientId, String sub, String sid, TokenFlaw flaw) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = common(state.issuer, clientId, now, Duration.ofMinutes(2), flaw);
        if (flaw != TokenFlaw.NO_SUB_NO_SID) {
            claims.subject(sub).claim("sid", sid);
        }
        switch (flaw) {
            case EVENTS_MISSING -> { }
            case EVENTS_WRONG -> claims.claim("events", Map.of("http://schemas.openid.net/event/other", Map.of()));
            default -> claims.claim("events", Map.of(BACKCHANNEL_LOGOUT_EVENT, Map.of()));
        }
        if (flaw == TokenFlaw.NONCE_PRESENT) {
            claims.claim("nonce", UUID.randomUUID().toString());
        }
        return sign(idTokenShaped(claims, flaw).build(), typeOr(new JOSEObjectType("logout+jwt"), flaw), clientId, flaw);
    }

    String accessToken(String clientId, String sub, TokenFlaw flaw) {
        return accessToken(clientId, sub, flaw, null);
    }

    /** As the other; with an {@code acr}, also that and an {@code auth_time} of now (RFC 9068 2.2.1). */
    String accessToken(String clientId, String sub, TokenFlaw flaw, String acr) {
        JWTClaimsSet.Builder claims = common(state.issuer, clientId, Instant.now(), state.behaviour.accessTokenLifetime(),
                flaw).subject(sub);
        if (acr != null) {
            claims.claim("acr", acr).claim("auth_time", Instant.now().getEpochSecond());
        }
        if (flaw != TokenFlaw.ID_TOKEN_SHAPED) {
            claims.claim("client_id", clientId).claim("scope", "openid email");
        }
        return sign(idTokenShaped(claims, flaw).build(), typeOr(new JOSEObjectType("at+jwt"), flaw), clientId, flaw);
    }

    /** A valid access token bound to a DPoP key: {@code cnf.jkt} (RFC 9449 6.1). */
    String dpopAccessToken(String clientId, String sub, String jkt) {
        JWTClaimsSet claims = common(state.issuer, clientId, Instant.now(), state.behaviour.accessTokenLifetime(),
                TokenFlaw.NONE).subject(sub).claim("client_id", clientId).claim("scope", "openid email")
                .claim("cnf", Map.of("jkt", jkt)).build();
        return sign(claims, new JOSEObjectType("at+jwt"), clientId, TokenFlaw.NONE);
    }

    String elementToken(String appId, String sub, TokenFlaw flaw) {
        // Passage element tokens are untyped JWTs of the app's own issuer, with the app id as audience
        JWTClaimsSet.Builder claims = common(state.issuer + APPS_PATH + appId, appId, Instant.now(),
                state.behaviour.accessTokenLifetime(), flaw).subject(sub);
        return sign(idTokenShaped(claims, flaw).build(), typeOr(null, flaw), appId, flaw);
    }

    /** {@link TokenFlaw#ID_TOKEN_SHAPED}: the claims only an ID token carries (OIDC Core 2, 3.1.3.6). */
    private static JWTClaimsSet.Builder idTokenShaped(JWTClaimsSet.Builder claims, TokenFlaw flaw) {
        if (flaw != TokenFlaw.ID_TOKEN_SHAPED) {
            return claims;
        }
        return claims.claim("nonce", UUID.randomUUID().toString())
                .claim("at_hash", TokenIssuer.atHash("an-access-token-" + UUID.randomUUID()))
                .claim("auth_time", Instant.now().getEpochSecond());
    }

    /** {@link TokenFlaw#ID_TOKEN_SHAPED} is typed as an ID token is ({@code JWT}); others keep their own type. */
    private static JOSEObjectType typeOr(JOSEObjectType own, TokenFlaw flaw) {
        return flaw == TokenFlaw.ID_TOKEN_SHAPED ? JOSEObjectType.JWT : own;
    }

    private static JWTClaimsSet.Builder common(String issuer, String audience, Instant now, Duration lifetime,
                                               TokenFlaw flaw) {
        Instant issued = flaw == TokenFlaw.EXPIRED ? now.minus(Duration.ofHours(1)) : now;
        Instant expires = flaw == TokenFlaw.EXPIRED ? issued.plus(Duration.ofMinutes(5)) : now.plus(lifetime);
        return new JWTClaimsSet.Builder()
                .issuer(flaw == TokenFlaw.ISSUER_WRONG ? "https://attacker.example" : issuer)
                .audience(flaw == TokenFlaw.AUD_WRONG ? "another-audience" : audience)
                .issueTime(Date.from(issued))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString());
    }

    private String sign(JWTClaimsSet claims, JOSEObjectType type, String clientId, TokenFlaw flaw) {
        try {
            switch (flaw) {
                case ALG_NONE:
                    return new PlainJWT(claims).serialize();
                case ALG_HS256: {
                    RegisteredClient client = state.client(clientId);
                    byte[] secret = (client != null ? client.secret() : "a-secret-of-at-least-256-bits-for-hs256!")
                            .getBytes(StandardCharsets.UTF_8);
                    SignedJWT jwt = new SignedJWT(header(JWSAlgorithm.HS256, null, type), claims);
                    jwt.sign(new MACSigner(pad(secret)));
                    return jwt.serialize();
                }
                case ALG_ES256_PUBLISHED_KEY: {
                    state.behaviour.publishEcSigningKey();
                    ECKey key = state.keys.ec();
                    SignedJWT jwt = new SignedJWT(header(JWSAlgorithm.ES256, key.getKeyID(), type), claims);
                    jwt.sign(new ECDSASigner(key));
                    return jwt.serialize();
                }
                default: {
                    RSAKey key = flaw == TokenFlaw.UNKNOWN_KEY
                            ? new RSAKeyGenerator(SigningKeys.KEY_SIZE).keyID("unpublished-key").generate()
                            : state.keys.current();
                    SignedJWT jwt = new SignedJWT(header(JWSAlgorithm.RS256, key.getKeyID(), type), claims);
                    jwt.sign(new RSASSASigner(key));
                    return jwt.serialize();
                }
            }
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a minted token", e);
        }
    }

    private static JWSHeader header(JWSAlgorithm algorithm, String keyId, JOSEObjectType type) {
        return new JWSHeader.Builder(algorithm).keyID(keyId).type(type).build();
    }

    /** HS256 needs a secret of at least 256 bits; a shorter client secret is repeated, as a careless signer would. */
    private static byte[] pad(byte[] secret) {
        byte[] padded = new byte[Math.max(32, secret.length)];
        for (int i = 0; i < padded.length; i++) {
            padded[i] = secret[i % secret.length];
        }
        return padded;
    }
}

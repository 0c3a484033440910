package io.github.passage4j.oidc;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Passage-shaped OpenID provider on 127.0.0.1 (discovery and JWKS only, from a JDK HttpServer) plus tokens of
 * realistic shape and size signed with its RSA-2048 key (RS256, {@code kid}). The benchmarks fetch discovery and the
 * key set once in their setup; every measured operation then works with cached keys, with no network.
 *
 * <p>In the library's package to reach the package-private pieces ({@link TokenResponseParser}, {@link Tuning},
 * the {@link AccessTokenValidator} constructor with a cache size).
 */
public final class PassageFixture implements AutoCloseable {

    /** Passage client ids and app ids are 24-character base62 strings. */
    public static final String CLIENT_ID = "Ykq2GzT4mdqJ8wE1xVfNc7Rb";
    public static final String APP_ID = "vHn3kPz8QwL5sR2tYb7XcJm9";
    public static final String SUBJECT = "2cYSbnHS6yo5m7GdGzh3QEbk";
    public static final String CLIENT_SECRET = "psg_cs_" + "Zq8W3nTbLk5vR1xYc7Hm2Jd9Pf4Gs6Ua0Ew";

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    public final RSAKey key;
    public final String issuer;
    public final URI jwksUri;
    /** The issuer of element tokens: {@code <base>/v1/apps/<appId>} as Passage has it. */
    public final String elementIssuer;
    private final HttpServer server;
    private final RSASSASigner signer;

    public PassageFixture() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("psg-2024-08-rs256").keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256).generate();
        signer = new RSASSASigner(key);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        jwksUri = URI.create(issuer + "/.well-known/jwks.json");
        elementIssuer = issuer + "/v1/apps/" + APP_ID;
        Map<String, Object> discovery = new LinkedHashMap<>();
        discovery.put("issuer", issuer);
        discovery.put("authorization_endpoint", issuer + "/authorize");
        discovery.put("token_endpoint", issuer + "/token");
        discovery.put("userinfo_endpoint", issuer + "/userinfo");
        discovery.put("jwks_uri", jwksUri.toString());
        discovery.put("end_session_endpoint", issuer + "/logout");
        discovery.put("response_types_supported", List.of("code"));
        discovery.put("subject_types_supported", List.of("public"));
        discovery.put("id_token_signing_alg_values_supported", List.of("RS256"));
        discovery.put("scopes_supported", List.of("openid", "email", "phone"));
        discovery.put("code_challenge_methods_supported", List.of("S256"));
        String discoveryJson = JSONObjectUtils.toJSONString(discovery);
        String jwksJson = new JWKSet(key.toPublicJWK()).toString();
        server.createContext("/.well-known/openid-configuration", exchange -> send(exchange, discoveryJson));
        server.createContext("/.well-known/jwks.json", exchange -> send(exchange, jwksJson));
        server.start();
    }

    private static void send(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    public ClientSettings clientSettings() {
        return new ClientSettings(URI.create(issuer), CLIENT_ID, CLIENT_SECRET, List.of("openid", "email", "phone"),
                null, null, null, null);
    }

    /** An OpenID provider with discovery and keys already fetched. */
    public OpenIdProvider warmProvider(String idToken, String nonce, String accessToken) throws Exception {
        OpenIdProvider provider = new OpenIdProvider(clientSettings(), Clock.systemUTC());
        provider.validateIdToken(idToken, nonce, accessToken);
        return provider;
    }

    /**
     * A bearer validator for element tokens with keys already fetched.
     *
     * @param maxCachedTokens the size of its verified-token cache (the library's default is 10,000)
     */
    public AccessTokenValidator warmBearerValidator(int maxCachedTokens, String anyValidToken) throws Exception {
        AccessTokenSettings settings = new AccessTokenSettings(URI.create(elementIssuer), jwksUri, Set.of(APP_ID),
                null, null, null, null);
        AccessTokenValidator validator =
                new AccessTokenValidator(settings, Clock.systemUTC(), Tuning.DEFAULT, maxCachedTokens);
        validator.validateAccessToken(anyValidToken);
        return validator;
    }

    public static int defaultMaxCachedTokens() {
        return AccessTokenValidator.MAX_CACHED_TOKENS;
    }

    public String sign(Map<String, Object> claims, JOSEObjectType typ) throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(typ)
                .build(), new Payload(claims));
        jws.sign(signer);
        return jws.serialize();
    }

    /** A Passage ID token as its hosted login issues it after the code exchange. */
    public String idToken(String nonce, String accessToken) throws Exception {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", SUBJECT);
        claims.put("aud", List.of(CLIENT_ID));
        claims.put("exp", now + 3600);
        claims.put("iat", now);
        claims.put("auth_time", now - 2);
        claims.put("nonce", nonce);
        claims.put("at_hash", atHash(accessToken));
        claims.put("azp", CLIENT_ID);
        claims.put("client_id", CLIENT_ID);
        claims.put("email", "jane.doe@example.com");
        claims.put("email_verified", true);
        claims.put("phone_number", "+14155550123");
        claims.put("phone_number_verified", false);
        return sign(claims, JOSEObjectType.JWT);
    }

    /** A JWT access token of the hosted login (about the ID token's size, as Passage's are). */
    public String oidcAccessToken() throws Exception {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", SUBJECT);
        claims.put("aud", List.of(CLIENT_ID));
        claims.put("exp", now + 3600);
        claims.put("iat", now);
        claims.put("nbf", now);
        claims.put("jti", randomValue(16));
        claims.put("client_id", CLIENT_ID);
        claims.put("scope", "openid email phone");
        return sign(claims, new JOSEObjectType("at+jwt"));
    }

    /** A Passage element token ({@code psg_auth_token}), distinct per call (its {@code jti}). */
    public String elementToken() throws Exception {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", List.of(APP_ID));
        claims.put("exp", now + 3600);
        claims.put("iat", now);
        claims.put("iss", elementIssuer);
        claims.put("nbf", now);
        claims.put("sub", SUBJECT);
        claims.put("jti", randomValue(16));
        return sign(claims, JOSEObjectType.JWT);
    }

    /** An opaque refresh token: 256 random bits in base64url, plus a prefix. */
    public static String refreshToken() {
        return "psg_rt_" + randomValue(32);
    }

    /** The token endpoint's JSON answer (OIDC Core 3.1.3.3). */
    public static byte[] tokenResponseJson(String idToken, String accessToken, String refreshToken) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("access_token", accessToken);
        json.put("token_type", "Bearer");
        json.put("expires_in", 3600);
        json.put("refresh_token", refreshToken);
        json.put("id_token", idToken);
        json.put("scope", "openid email phone");
        return JSONObjectUtils.toJSONString(json).getBytes(StandardCharsets.UTF_8);
    }

    /** The userinfo endpoint's JSON answer for the same user. */
    public static byte[] userInfoJson() {
        return ("{\"sub\":\"" + SUBJECT + "\",\"email\":\"jane.doe@example.com\",\"email_verified\":true,"
                + "\"phone_number\":\"+14155550123\",\"phone_number_verified\":false}").getBytes(StandardCharsets.UTF_8);
    }

    /** What the library does with the token endpoint's 200 answer. */
    public static TokenResponse parseTokenResponse(byte[] body, Instant receivedAt) throws Exception {
        return TokenResponseParser.parse(new HttpAnswer(200, body), receivedAt,
                TokenResponseParser.Grant.AUTHORIZATION_CODE);
    }

    public static String atHash(String accessToken) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
        return B64URL.encodeToString(Arrays.copyOf(digest, digest.length / 2));
    }

    public static String randomValue(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return B64URL.encodeToString(value);
    }

    public RSAPublicKey publicKey() throws Exception {
        return key.toRSAPublicKey();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

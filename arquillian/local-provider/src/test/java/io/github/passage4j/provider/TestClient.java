package io.github.passage4j.provider;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** A small OpenID client for tests, over java.net.http: what a relying party does, step by step, without shortcuts. */
final class TestClient {

    static final String CLIENT_ID = "test-client";
    static final String CLIENT_SECRET = "test-secret";
    static final String REDIRECT_URI = "http://127.0.0.1:1/app/callback";
    static final PassageUser ALICE = PassageUser.builder().sub("user-alice").email("alice@example.com").emailVerified(true)
            .phone("+15555550100").phoneVerified(true).build();
    static final PassageUser BOB = PassageUser.builder().sub("user-bob").email("bob@example.com").build();

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final LocalPassageProvider provider;

    TestClient(LocalPassageProvider provider) {
        this.provider = provider;
    }

    /** @return a started provider with the test client and alice and bob */
    static LocalPassageProvider startProvider() {
        return LocalPassageProvider.builder().client(CLIENT_ID, CLIENT_SECRET).user(ALICE).user(BOB).build().start();
    }

    /** An authorization request's secrets, as a client keeps them between redirect and callback. */
    record Flow(String state, String nonce, String verifier, String challenge, String scope, URI authorizationUrl) {
    }

    Flow flow(String scope) {
        String verifier = random(32);
        return flow(scope, verifier, TokenEndpoint.s256(verifier));
    }

    Flow flow(String scope, String verifier, String challenge) {
        String state = random(16);
        String nonce = random(16);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", CLIENT_ID);
        params.put("redirect_uri", REDIRECT_URI);
        params.put("scope", scope);
        params.put("state", state);
        params.put("nonce", nonce);
        params.put("code_challenge", challenge);
        params.put("code_challenge_method", "S256");
        return new Flow(state, nonce, verifier, challenge, scope, URI.create(provider.issuer() + "/authorize?" + form(params)));
    }

    /** Signs in as a seeded user through the login page and returns the callback's query parameters. */
    Map<String, String> signIn(Flow flow, String sub) throws IOException {
        URI callback = LoginPage.open(http, flow.authorizationUrl()).signInAs(sub);
        return query(callback);
    }

    /** Signs in, redeems the code, and returns the token response. */
    Map<String, Object> tokensFor(String sub, String scope) throws IOException {
        Flow flow = flow(scope);
        Map<String, String> callback = signIn(flow, sub);
        HttpResponse<String> response = redeem(callback.get("code"), flow.verifier());
        if (response.statusCode() != 200) {
            throw new AssertionError("token endpoint answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    HttpResponse<String> redeem(String code, String verifier) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "authorization_code");
        params.put("code", code);
        params.put("redirect_uri", REDIRECT_URI);
        params.put("code_verifier", verifier);
        return postToken(params, basic(CLIENT_ID, CLIENT_SECRET));
    }

    HttpResponse<String> postToken(Map<String, String> params, String authorization) throws IOException {
        return post(provider.endpoint(Endpoint.TOKEN), params, authorization);
    }

    HttpResponse<String> post(URI uri, Map<String, String> params, String authorization) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    HttpResponse<String> get(URI uri) throws IOException {
        return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build());
    }

    HttpResponse<String> get(URI uri, String authorization) throws IOException {
        return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Authorization", authorization).GET().build());
    }

    HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Verifies a token's RS256 signature against the provider's JWKS, as a relying party would. */
    boolean verifiesWithJwks(String token) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        JWKSet jwks = JWKSet.parse(get(provider.endpoint(Endpoint.JWKS)).body());
        RSAKey key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        if (key == null) {
            return false;
        }
        JWSVerifier verifier = new RSASSAVerifier(key);
        return jwt.verify(verifier);
    }

    static String basic(String clientId, String secret) {
        String credentials = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, Object> json(HttpResponse<String> response) {
        try {
            return JSONObjectUtils.parse(response.body());
        } catch (ParseException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> result = new LinkedHashMap<>();
        FormCodec.decode(uri.getRawQuery()).forEach((name, values) -> result.put(name, values.get(0)));
        return result;
    }

    static Map<String, List<String>> queryAll(URI uri) {
        return FormCodec.decode(uri.getRawQuery());
    }

    static String form(Map<String, String> params) {
        StringJoiner joined = new StringJoiner("&");
        params.forEach((name, value) -> joined.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return joined.toString();
    }

    static String random(int bytes) {
        byte[] buffer = new byte[bytes];
        new SecureRandom().nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }
}

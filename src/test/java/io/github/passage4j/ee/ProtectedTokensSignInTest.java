package io.github.passage4j.ee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.passage4j.oidc.ClientProtocol;
import io.github.passage4j.oidc.ClientSettings;
import io.github.passage4j.oidc.DecryptionKey;
import io.github.passage4j.oidc.FakeProvider;
import io.github.passage4j.oidc.ProviderConnections;
import io.github.passage4j.oidc.ProviderRejectedException;
import io.github.passage4j.oidc.TestSupport;
import io.github.passage4j.oidc.TokenProtection;

import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The glue with signed and encrypted tokens: a sign-in through the callback with an encrypted ID token and a signed
 * userinfo answer establishes the caller with userinfo's claims and keeps the signed ID token (the later
 * {@code id_token_hint}), never the JWE; a plain ID token, when encryption is configured, stops the sign-in.
 */
class ProtectedTokensSignInTest {

    private static final Clock CLOCK = Clock.fixed(TestSupport.NOW, ZoneOffset.UTC);
    private static final RSAKey ENCRYPTION_KEY = generate();

    private final FakeProvider fake;
    private final ProviderConnections connections = new ProviderConnections();
    private final HttpSessionSignInStateStore states = new HttpSessionSignInStateStore(CLOCK);

    ProtectedTokensSignInTest() throws Exception {
        fake = new FakeProvider();
        fake.publish(TestSupport.RSA_1);
        fake.discoveryDocument.put("userinfo_endpoint", fake.issuer + "/userinfo");
    }

    @AfterEach
    void stop() {
        connections.close();
        fake.close();
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID("app-enc").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private DefinitionStages stages() {
        TokenProtection protection = new TokenProtection(DecryptionKey.parse(ENCRYPTION_KEY.toJSONString(), null),
                true, false, true);
        ClientSettings plain = TestSupport.settings(fake.issuer);
        ClientSettings client = new ClientSettings(plain.issuer(), plain.clientId(), "a-client-secret", plain.scope(),
                null, null, TestSupport.SKEW, null, ClientProtocol.DEFAULT.withTokenProtection(protection));
        PassageSettings settings = new PassageSettings("", client, "/passage/callback",
                true, "sub", "", "/passage/logout", "/", null, Duration.ofSeconds(10), true, null, Set.of("client-1"),
                PassageSettings.PASSAGE_ELEMENT_TOKEN_ISSUER_BASE, "/passage/backchannel-logout",
                SessionSettings.DEFAULT, Set.of("RS256"), SignInOptions.DEFAULT);
        Logouts logouts = new Logouts(new InMemoryEndedSessions(Duration.ofHours(1), CLOCK), CLOCK);
        return new DefinitionStages(settings, GroupProviders.NONE, states, new HttpSessionCallerStore(logouts),
                logouts, CLOCK, connections);
    }

    private static String sign(Map<String, Object> claims) {
        return TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(), claims,
                TestSupport.signer(TestSupport.RSA_1));
    }

    private static String encrypt(String signed) throws JOSEException {
        JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                .contentType("JWT").keyID("app-enc").build(), new Payload(signed));
        jwe.encrypt(new RSAEncrypter(ENCRYPTION_KEY.toRSAPublicKey()));
        return jwe.serialize();
    }

    /** A sign-in through the callback; the token endpoint answers {@code idToken(nonce)}. */
    private ServletFakes.Request signIn(DefinitionStages stages, boolean encrypted) throws Exception {
        ServletFakes.Request start = ServletFakes.request("/passage/signin");
        ServletFakes.Response redirect = new ServletFakes.Response();
        stages.redirect.startRequested(start.build(), redirect.build());
        Map<String, String> sent = TestSupport.decodeForm(URI.create(redirect.header("Location")).getRawQuery());
        ServletFakes.Request peek = ServletFakes.request("/passage/callback").session(start.session);
        SignInState attempt = states.consume(peek.build(), new ServletFakes.Response().build(), sent.get("state"))
                .orElseThrow();
        states.save(peek.build(), new ServletFakes.Response().build(), attempt);

        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", fake.issuer);
        claims.put("sub", "user-42");
        claims.put("aud", TestSupport.CLIENT_ID);
        claims.put("exp", TestSupport.NOW.plusSeconds(300).getEpochSecond());
        claims.put("iat", TestSupport.NOW.minusSeconds(5).getEpochSecond());
        claims.put("nonce", attempt.nonce());
        String signed = sign(claims);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", "access-1");
        answer.put("token_type", "Bearer");
        answer.put("expires_in", 300);
        answer.put("id_token", encrypted ? encrypt(signed) : signed);
        fake.on("/token", FakeProvider.json(200, JSONObjectUtils.toJSONString(answer)));

        Map<String, Object> userinfo = new LinkedHashMap<>();
        userinfo.put("iss", fake.issuer);
        userinfo.put("aud", List.of(TestSupport.CLIENT_ID));
        userinfo.put("sub", "user-42");
        userinfo.put("email", "ada@example.com");
        byte[] userinfoJwt = sign(userinfo).getBytes(StandardCharsets.UTF_8);
        fake.on("/userinfo", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/jwt");
            exchange.sendResponseHeaders(200, userinfoJwt.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(userinfoJwt);
            }
        });

        ServletFakes.Request callback = ServletFakes.request("/passage/callback").session(start.session)
                .parameter("state", sent.get("state")).parameter("code", "code-1");
        ServletFakes.Response response = new ServletFakes.Response();
        stages.callback.complete(callback.build(), response.build());
        assertEquals(302, response.status);
        return callback;
    }

    @Test
    void theCallerHasUserinfosClaimsAndTheSignedIdTokenInsideTheJwe() throws Exception {
        ServletFakes.Request callback = signIn(stages(), true);
        SignedInCaller caller = (SignedInCaller) callback.session.attributes.get(HttpSessionCallerStore.ATTRIBUTE);
        assertEquals("ada@example.com", caller.profile().getEmail().orElseThrow());
        assertEquals(3, caller.tokens().getIdToken().split("\\.", -1).length, "the signed ID token, not the JWE");
        assertEquals("user-42", caller.idToken().subject());
    }

    @Test
    void aPlainIdTokenStopsTheSignInWhenEncryptionIsConfigured() {
        ProviderRejectedException refused = assertThrows(ProviderRejectedException.class,
                () -> signIn(stages(), false));
        assertTrue(refused.getMessage().contains("OIDC Core 3.1.3.7 step 1"), refused.getMessage());
        assertEquals(0, fake.hits("/userinfo"), "userinfo is asked only once the ID token is valid");
    }
}

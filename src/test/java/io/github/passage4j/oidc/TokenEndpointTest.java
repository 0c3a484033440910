package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenEndpointTest {

    private static final URI REDIRECT = URI.create("https://app.example/callback");
    private static final String OK = "{\"access_token\":\"at-1\",\"token_type\":\"bearer\",\"id_token\":\"a.b.c\","
            + "\"expires_in\":3600,\"refresh_token\":\"rt-1\",\"scope\":\"openid email\"}";

    private final FakeProvider fake;

    TokenEndpointTest() throws Exception {
        fake = new FakeProvider();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void successfulExchangeSendsTheFormAndParsesTheAnswer() throws Exception {
        fake.on("/token", FakeProvider.json(200, OK));
        TokenResponse tokens = TestSupport.provider(fake).exchangeCode("the code", REDIRECT, "verifier-1");

        assertEquals("a.b.c", tokens.idToken());
        assertEquals("at-1", tokens.accessToken());
        assertEquals("rt-1", tokens.refreshToken());
        assertEquals("bearer", tokens.tokenType());
        assertEquals(TestSupport.NOW.plusSeconds(3600), tokens.accessTokenExpiresAt());
        assertEquals("openid email", tokens.scope());

        FakeProvider.Recorded request = fake.tokenRequests.get(0);
        assertEquals("POST", request.method());
        assertEquals("application/x-www-form-urlencoded", request.headers().getFirst("Content-Type"));
        assertEquals("grant_type=authorization_code&code=the+code&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback"
                + "&code_verifier=verifier-1", request.body());
    }

    @Test
    void clientSecretBasicEncodesIdAndSecretBeforeBase64() throws Exception {
        fake.on("/token", FakeProvider.json(200, OK));
        ClientSettings settings = new ClientSettings(URI.create(fake.issuer), "my client", "p:a+s s",
                null, null, null, null, null);
        new OpenIdProvider(settings, TestSupport.CLOCK, TestSupport.tuning(new AtomicLong()))
                .exchangeCode("c", REDIRECT, "v");
        String expected = "Basic " + Base64.getEncoder().encodeToString("my+client:p%3Aa%2Bs+s".getBytes());
        assertEquals(expected, fake.tokenRequests.get(0).headers().getFirst("Authorization"));
        assertEquals("Basic bXkrY2xpZW50OnAlM0FhJTJCcytz", expected);
    }

    @Test
    void invalidGrantAnswerIsRejected() {
        fake.on("/token", FakeProvider.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"nope\"}"));
        ProviderRejectedException e = assertThrows(ProviderRejectedException.class,
                () -> TestSupport.provider(fake).exchangeCode("c", REDIRECT, "v"));
        assertTrue(e.getMessage().contains("invalid_grant"), e.getMessage());
    }

    @Test
    void serverErrorMeansUnavailable() {
        fake.on("/token", FakeProvider.json(500, "{\"error\":\"server_error\"}"));
        assertThrows(ProviderUnavailableException.class, () -> TestSupport.provider(fake).exchangeCode("c", REDIRECT, "v"));
    }

    @Test
    void garbageAnswerMeansUnavailable() {
        fake.on("/token", FakeProvider.json(200, "<html>oops"));
        assertThrows(ProviderUnavailableException.class, () -> TestSupport.provider(fake).exchangeCode("c", REDIRECT, "v"));
    }

    /** Discovery done beforehand, so that only the token call runs against the short read timeout. */
    private OpenIdProvider providerWithShortReadTimeout() throws Exception {
        OpenIdProvider provider = new OpenIdProvider(TestSupport.settings(fake.issuer, null, Duration.ofMillis(500)),
                TestSupport.CLOCK, TestSupport.tuning(new AtomicLong()));
        provider.metadata();
        return provider;
    }

    @Test
    void stalledBodyMeansUnavailableWithinTheReadTimeout() throws Exception {
        fake.on("/token", fake.stallingBody());
        OpenIdProvider provider = providerWithShortReadTimeout();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            ProviderUnavailableException e = assertThrows(ProviderUnavailableException.class,
                    () -> provider.exchangeCode("c", REDIRECT, "v"));
            // the client's request timeout or ours, both the read timeout: which fires first is up to the load
            assertTrue(e.getMessage().contains("did not answer") || e.getMessage().contains("timed out"),
                    e.getMessage());
        });
    }

    @Test
    void hangingServerMeansUnavailableWithinTheReadTimeout() throws Exception {
        OpenIdProvider provider = providerWithShortReadTimeout();
        fake.on("/token", fake.silent());
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(ProviderUnavailableException.class,
                () -> provider.exchangeCode("c", REDIRECT, "v")));
    }

    @Test
    void oversizedAnswerMeansUnavailable() {
        String huge = "{\"access_token\":\"" + "x".repeat(600 * 1024) + "\"}";
        fake.on("/token", FakeProvider.json(200, huge));
        ProviderUnavailableException e = assertThrows(ProviderUnavailableException.class,
                () -> TestSupport.provider(fake).exchangeCode("c", REDIRECT, "v"));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
    }

    @Test
    void redirectIsNotFollowed() {
        fake.on("/token", exchange -> {
            exchange.getResponseHeaders().set("Location", fake.issuer + "/elsewhere");
            exchange.sendResponseHeaders(307, -1);
        });
        assertThrows(ProviderUnavailableException.class, () -> TestSupport.provider(fake).exchangeCode("c", REDIRECT, "v"));
        assertEquals(0, fake.hits("/elsewhere"));
    }

    @Test
    void tokenTypeOtherThanBearerIsRejected() {
        fake.on("/token", FakeProvider.json(200, OK.replace("bearer", "DPoP")));
        assertThrows(ProviderRejectedException.class, () -> TestSupport.provider(fake).exchangeCode("c", REDIRECT, "v"));
    }

    @Test
    void missingIdTokenIsRejected() {
        fake.on("/token", FakeProvider.json(200, "{\"access_token\":\"at\",\"token_type\":\"Bearer\"}"));
        assertThrows(ProviderRejectedException.class, () -> TestSupport.provider(fake).exchangeCode("c", REDIRECT, "v"));
    }

    @Test
    void missingAccessTokenIsRejected() {
        fake.on("/token", FakeProvider.json(200, "{\"id_token\":\"a.b.c\",\"token_type\":\"Bearer\"}"));
        assertThrows(ProviderRejectedException.class, () -> TestSupport.provider(fake).exchangeCode("c", REDIRECT, "v"));
    }

    @Test
    void absentExpiresInGivesNullExpiry() throws Exception {
        fake.on("/token", FakeProvider.json(200, "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"id_token\":\"x\"}"));
        TokenResponse tokens = TestSupport.provider(fake).exchangeCode("c", REDIRECT, "v");
        assertNull(tokens.accessTokenExpiresAt());
        assertNull(tokens.refreshToken());
    }

    @Test
    void toStringMasksEveryToken() {
        TokenResponse tokens = new TokenResponse("id-secret", "access-secret", "refresh-secret", "Bearer",
                Instant.EPOCH, "openid");
        for (String secret : List.of("id-secret", "access-secret", "refresh-secret")) {
            assertFalse(tokens.toString().contains(secret), tokens.toString());
        }
    }
}

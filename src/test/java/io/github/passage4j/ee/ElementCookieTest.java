package io.github.passage4j.ee;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.passage4j.oidc.ClientSettings;
import io.github.passage4j.oidc.ProviderConnections;
import io.github.passage4j.oidc.ProviderUnavailableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The element token cookie is an ambient credential: on an unsafe method it is looked at only with same-origin proof.
 * The app's element tokens are issued at a loopback port where nothing listens, so looking at the cookie at all shows
 * as the key set being unreachable, and ignoring it as no attempt: no token is validated for a forged request.
 */
class ElementCookieTest {

    private static final String APP_ID = "element-app";
    private static URI issuerBase;
    private static String token;
    private static final ProviderConnections CONNECTIONS = new ProviderConnections();

    @AfterAll
    static void closeConnections() {
        CONNECTIONS.close();
    }

    @BeforeAll
    static void anElementTokenOfAnIssuerThatIsNotThere() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        issuerBase = URI.create("http://127.0.0.1:" + port);
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                new JWTClaimsSet.Builder().issuer(issuerBase + "/v1/apps/" + APP_ID).audience(APP_ID).subject("alice")
                        .expirationTime(Date.from(Instant.now().plusSeconds(600))).issueTime(new Date()).build());
        jwt.sign(new RSASSASigner(key));
        token = jwt.serialize();
    }

    private static BearerAuthentication bearer() {
        ClientSettings client = new ClientSettings(URI.create(StatelessStoresTest.ISSUER), "app-client-id", "secret",
                List.of("openid"), Duration.ofMillis(500), Duration.ofMillis(500), null, null);
        PassageSettings settings = new PassageSettings("", client, "/passage/callback", true, "sub", "",
                "/passage/logout", "/", null, Duration.ofSeconds(10), true, APP_ID, Set.of(APP_ID), issuerBase,
                "/passage/backchannel-logout", SessionSettings.DEFAULT);
        return new BearerAuthentication(settings, new CallerEstablishment(settings), CONNECTIONS);
    }

    private static ServletFakes.Request withCookie(String method) {
        return ServletFakes.request("/api/me").method(method).cookie(BearerAuthentication.ELEMENT_TOKEN_COOKIE, token);
    }

    private static RequestSite site(ServletFakes.Request request) {
        return RequestSite.of(request.build(), "https://app.example");
    }

    @Test
    void anUnsafeMethodWithoutSameOriginProofIgnoresTheCookieUnread() throws IOException {
        BearerAuthentication bearer = bearer();
        for (ServletFakes.Request forged : List.of(withCookie("POST").header("Sec-Fetch-Site", "cross-site"),
                withCookie("POST").header("Sec-Fetch-Site", "same-site"),
                withCookie("DELETE").header("Origin", "https://attacker.example"),
                withCookie("PUT").header("Sec-Fetch-Site", "none"),
                withCookie("POST"))) {
            assertTrue(assertDoesNotFetch(() -> bearer.fromElementCookie(forged.build(), site(forged))).isEmpty());
        }
    }

    @Test
    void aSafeMethodOrASameOriginRequestValidatesTheCookie() {
        BearerAuthentication bearer = bearer();
        for (ServletFakes.Request honest : List.of(withCookie("GET").header("Sec-Fetch-Site", "cross-site"),
                withCookie("HEAD"), withCookie("POST").header("Sec-Fetch-Site", "same-origin"),
                withCookie("POST").header("Origin", "https://app.example"))) {
            assertThrows(ProviderUnavailableException.class,
                    () -> bearer.fromElementCookie(honest.build(), site(honest)),
                    "validated: the issuer's keys were fetched");
        }
    }

    @Test
    void twoElementTokenCookiesAreATossedOneAndNeitherIsValidated() {
        BearerAuthentication bearer = bearer();
        ServletFakes.Request tossed = withCookie("GET").anotherCookie(BearerAuthentication.ELEMENT_TOKEN_COOKIE, token);
        assertTrue(assertDoesNotFetch(() -> bearer.fromElementCookie(tossed.build(), site(tossed))).isEmpty());
    }

    private interface Lookup {
        java.util.Optional<SignedInCaller> get() throws ProviderUnavailableException;
    }

    private static java.util.Optional<SignedInCaller> assertDoesNotFetch(Lookup lookup) {
        try {
            return lookup.get();
        } catch (ProviderUnavailableException fetched) {
            throw new AssertionError("the cookie was validated for a forged request", fetched);
        }
    }
}

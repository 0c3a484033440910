package io.github.passage4j.ee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * OIDC Core 3.1.3.7 step 13 needs the max_age that was sent: both stores of pending sign-ins keep it and the
 * acr_values with the attempt, the stateless one inside its sealed cookie.
 */
class SignInStateRequestedTest {

    private static final Instant T0 = StatelessStoresTest.T0;
    private final MutableClock clock = new MutableClock(T0);
    private final CookieBrowser browser = new CookieBrowser();

    private static SignInState attempt(Long maxAge, String acrValues) {
        return new SignInState("state-1", "nonce-1", "verifier-1", "/app/", StatelessStoresTest.ISSUER, "",
                "https://app.example/app/passage/callback", T0, null, maxAge, acrValues);
    }

    @Test
    void theCookieStoreKeepsMaxAgeAndAcrValues() {
        SealedCookieCodec codec = new SealedCookieCodec(CookieKeys.parse(SealedCookieCodecTest.newKey()), clock);
        CookieSignInStateStore store = new CookieSignInStateStore(codec, clock, null);
        store.save(browser.request(), browser.response(), attempt(300L, "gold silver"));
        SignInState consumed = store.consume(browser.request(), browser.response(), "state-1").orElseThrow();
        assertEquals(300L, consumed.maxAge());
        assertEquals("gold silver", consumed.acrValues());
    }

    @Test
    void theCookieStoreKeepsTheirAbsence() {
        SealedCookieCodec codec = new SealedCookieCodec(CookieKeys.parse(SealedCookieCodecTest.newKey()), clock);
        CookieSignInStateStore store = new CookieSignInStateStore(codec, clock, null);
        store.save(browser.request(), browser.response(), attempt(null, null));
        SignInState consumed = store.consume(browser.request(), browser.response(), "state-1").orElseThrow();
        assertNull(consumed.maxAge());
        assertNull(consumed.acrValues());
    }

    @Test
    void theSessionStoreKeepsThem() {
        HttpSessionSignInStateStore store = new HttpSessionSignInStateStore(Clock.fixed(T0, java.time.ZoneOffset.UTC));
        ServletFakes.Request request = ServletFakes.request("/passage/signin");
        store.save(request.build(), new ServletFakes.Response().build(), attempt(0L, "gold"));
        SignInState consumed = store.consume(request.build(), new ServletFakes.Response().build(), "state-1")
                .orElseThrow();
        assertEquals(0L, consumed.maxAge());
        assertEquals("gold", consumed.acrValues());
    }
}

package io.github.passage4j.ee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import io.github.passage4j.PassageTokens;
import io.github.passage4j.oidc.DpopKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The session's DPoP key (RFC 9449) through the stores, and the proofs PassageTokens makes for the app's API calls. */
class DpopSessionTest {

    private final MutableClock clock = new MutableClock(StatelessStoresTest.T0);
    private final CookieBrowser browser = new CookieBrowser();

    private static SignedInCaller dpopCaller(DpopKey key) throws Exception {
        SignedInCaller plain = StatelessStoresTest.passageCaller(StatelessStoresTest.T0);
        PassageTokens tokens = new PassageTokens(plain.tokens().getIdToken(), plain.tokens().getAccessToken(),
                plain.tokens().getRefreshToken().orElse(null), plain.tokens().getAccessTokenExpiresAt().orElse(null),
                plain.tokens().getIdTokenExpiresAt(), "DPoP", key.serialize());
        return new SignedInCaller(plain.profile(), plain.groups(), tokens, plain.idTokenClaims(), plain.signedInAt(),
                plain.definition(), plain.sessionKey(), key.serialize());
    }

    @Test
    void theSealedSessionCookieKeepsTheKeyAndTokenType() throws Exception {
        DpopKey key = DpopKey.generate(List.of());
        Definitions definitions = StatelessStoresTest.definitions(StatelessStoresTest.ISSUER,
                StatelessStoresTest.stateless(SealedCookieCodecTest.newKey()));
        CookieCallerStore store = StatelessStoresTest.callerStore(definitions,
                new Logouts(new InMemoryEndedSessions(Duration.ofHours(12), clock), clock), clock);
        store.establish(browser.request(), browser.response(), dpopCaller(key));

        CookieCallerStore otherNode = StatelessStoresTest.callerStore(definitions,
                new Logouts(new InMemoryEndedSessions(Duration.ofHours(12), clock), clock), clock);
        SignedInCaller loaded = otherNode.load(browser.request()).orElseThrow();
        assertEquals(key.thumbprint(), loaded.dpopKeyOrNull().thumbprint());
        assertEquals("DPoP", loaded.tokens().getTokenType());
        assertTrue(loaded.tokens().dpopProof("GET", URI.create("https://api.example/x")).isPresent());
    }

    @Test
    void aBearerSessionHasNoKeyAndNoProofs() throws Exception {
        Definitions definitions = StatelessStoresTest.definitions(StatelessStoresTest.ISSUER,
                StatelessStoresTest.stateless(SealedCookieCodecTest.newKey()));
        CookieCallerStore store = StatelessStoresTest.callerStore(definitions,
                new Logouts(new InMemoryEndedSessions(Duration.ofHours(12), clock), clock), clock);
        store.establish(browser.request(), browser.response(), StatelessStoresTest.passageCaller(StatelessStoresTest.T0));
        SignedInCaller loaded = store.load(browser.request()).orElseThrow();
        assertNull(loaded.dpopKeyOrNull());
        assertEquals("Bearer", loaded.tokens().getTokenType());
        assertTrue(loaded.tokens().dpopProof("GET", URI.create("https://api.example/x")).isEmpty());
    }

    @Test
    void thePendingSignInCookieKeepsTheKey() {
        DpopKey key;
        try {
            key = DpopKey.generate(List.of());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        SealedCookieCodec codec = new SealedCookieCodec(CookieKeys.parse(SealedCookieCodecTest.newKey()), clock);
        CookieSignInStateStore store = new CookieSignInStateStore(codec, clock, null);
        SignInState attempt = new SignInState("state-1", "nonce-1", "verifier-1", "/app/", StatelessStoresTest.ISSUER,
                "", "https://app.example/app/passage/callback", StatelessStoresTest.T0, key.serialize());
        store.save(browser.request(), browser.response(), attempt);
        SignInState consumed = store.consume(browser.request(), browser.response(), "state-1").orElseThrow();
        assertEquals(key.thumbprint(), DpopKey.parse(consumed.dpopKey()).thumbprint());
        assertFalse(attempt.toString().contains(key.serialize()), "toString shows no key");
    }

    @Test
    void proofsForTheAppsApiNameTheTokenAndTheRequest() throws Exception {
        DpopKey key = DpopKey.generate(List.of());
        PassageTokens tokens = dpopCaller(key).tokens();
        SignedJWT proof = SignedJWT.parse(tokens.dpopProof("POST", URI.create("https://api.example/orders?x=1"))
                .orElseThrow());
        assertEquals("POST", proof.getJWTClaimsSet().getStringClaim("htm"));
        assertEquals("https://api.example/orders", proof.getJWTClaimsSet().getStringClaim("htu"));
        assertEquals(io.github.passage4j.oidc.SignInSecrets.sha256Base64Url(tokens.getAccessToken()),
                proof.getJWTClaimsSet().getStringClaim("ath"));
        assertEquals(key.thumbprint(), proof.getHeader().getJWK().computeThumbprint().toString());
        assertFalse(tokens.toString().contains("\"d\""));
    }

    @Test
    void theKeySurvivesJavaSerialisationAsTheHttpSessionKeepsIt() throws Exception {
        DpopKey key = DpopKey.generate(List.of());
        SignedInCaller caller = dpopCaller(key);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(caller);
        }
        SignedInCaller copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (SignedInCaller) in.readObject();
        }
        assertEquals(key.thumbprint(), copy.dpopKeyOrNull().thumbprint());
        assertTrue(copy.tokens().dpopProof("GET", URI.create("https://api.example/x")).isPresent());
    }
}

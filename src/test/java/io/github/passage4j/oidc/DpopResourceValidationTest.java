package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 9449 4.3 and 7 at a resource server: each test breaks one rule of a valid DPoP request, so that each fails
 * without its check.
 */
class DpopResourceValidationTest {

    private static final String AUDIENCE = "api://orders";
    private static final URI URL = URI.create("https://api.example/orders/7?expand=lines");
    private static final ECKey PROOF_KEY = TestSupport.ec("dpop", com.nimbusds.jose.jwk.Curve.P_256);
    private static final ECKey OTHER_KEY = TestSupport.ec("other", com.nimbusds.jose.jwk.Curve.P_256);

    private final FakeProvider fake;
    private final TestSupport.MutableClock clock = new TestSupport.MutableClock(TestSupport.NOW);
    private final AccessTokenValidator validator;
    private final String token;
    private int jtiCounter;

    DpopResourceValidationTest() throws Exception {
        fake = new FakeProvider();
        fake.publish(TestSupport.RSA_1);
        validator = new AccessTokenValidator(new AccessTokenSettings(URI.create(fake.issuer), null, Set.of(AUDIENCE),
                null, null, TestSupport.SKEW, null), clock, TestSupport.tuning(new AtomicLong()), 100);
        token = accessToken(Map.of("jkt", PROOF_KEY.computeThumbprint().toString()));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private String accessToken(Map<String, Object> cnf) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", fake.issuer);
        claims.put("sub", "user-42");
        claims.put("aud", AUDIENCE);
        claims.put("exp", TestSupport.NOW.plusSeconds(300).getEpochSecond());
        claims.put("scope", "orders:read");
        if (cnf != null) {
            claims.put("cnf", cnf);
        }
        return TestSupport.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(), claims,
                TestSupport.signer(TestSupport.RSA_1));
    }

    /** A valid proof for {@link #token} at GET {@link #URL}, after {@code change} edits header or claims. */
    private String proof(Consumer<JWSHeader.Builder> headerChange, Consumer<Map<String, Object>> claimChange) {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
                .jwk(PROOF_KEY.toPublicJWK());
        headerChange.accept(header);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("jti", "jti-" + (++jtiCounter));
        claims.put("htm", "GET");
        claims.put("htu", "https://api.example/orders/7");
        claims.put("iat", TestSupport.NOW.getEpochSecond());
        claims.put("ath", SignInSecrets.sha256Base64Url(token));
        claimChange.accept(claims);
        return TestSupport.sign(header.build(), claims, signer(PROOF_KEY));
    }

    private String proof(Consumer<Map<String, Object>> claimChange) {
        return proof(header -> { }, claimChange);
    }

    private static JWSSigner signer(ECKey key) {
        try {
            return new ECDSASigner(key);
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private ValidatedAccessToken validate(List<String> proofs) throws Exception {
        return validator.validateDpopAccessToken(token, proofs, "GET", URL);
    }

    private void refused(String step, List<String> proofs) {
        InvalidDpopProofException refused = assertThrows(InvalidDpopProofException.class, () -> validate(proofs));
        assertTrue(refused.getMessage().startsWith(step), refused.getMessage());
    }

    private void refused(String step, String proof) {
        refused(step, List.of(proof));
    }

    @Test
    void aValidProofForABoundTokenIsAccepted() throws Exception {
        assertEquals("user-42", validate(List.of(proof(claims -> { }))).subject());
    }

    @Test
    void step1ExactlyOneDpopHeader() {
        refused("RFC 9449 4.3 step 1", List.of());
        refused("RFC 9449 4.3 step 1", List.of(proof(c -> { }), proof(c -> { })));
    }

    @Test
    void step2AWellFormedJwtOfBoundedSize() {
        refused("RFC 9449 4.3 step 2", "not-a-jwt");
        refused("RFC 9449 4.3 step 2", "a".repeat(DpopProofVerifier.MAX_PROOF_LENGTH + 1));
    }

    @Test
    void step3RequiredClaims() {
        refused("RFC 9449 4.3 step 3", proof(claims -> claims.remove("jti")));
        refused("RFC 9449 4.3 step 3", proof(claims -> claims.remove("htm")));
        refused("RFC 9449 4.3 step 3", proof(claims -> claims.remove("htu")));
        refused("RFC 9449 4.3 step 3", proof(claims -> claims.remove("iat")));
        refused("RFC 9449 4.3 step 3", proof(header -> header.jwk(null), claims -> { }));
    }

    @Test
    void step4TypeDpopJwt() {
        refused("RFC 9449 4.3 step 4", proof(header -> header.type(JOSEObjectType.JWT), claims -> { }));
    }

    @Test
    void step5AnAsymmetricAlgorithm() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("dpop+jwt"))
                .jwk(PROOF_KEY.toPublicJWK()).build();
        Map<String, Object> claims = Map.of("jti", "j", "htm", "GET", "htu", "https://api.example/orders/7",
                "iat", TestSupport.NOW.getEpochSecond(), "ath", SignInSecrets.sha256Base64Url(token));
        refused("RFC 9449 4.3 step 5", TestSupport.sign(header, claims, new MACSigner(new byte[32])));
    }

    @Test
    void step5TheKeyFitsTheAlgorithm() {
        // an RSA key named for ES256: refused before any verification is tried
        refused("RFC 9449 4.3 step 5", proof(header -> header.jwk(TestSupport.RSA_1.toPublicJWK()), claims -> { }));
    }

    @Test
    void step6TheSignatureIsByTheHeadersKey() throws Exception {
        // the header names the key the token is bound to, but another key signed
        String boundToOther = accessToken(Map.of("jkt", OTHER_KEY.computeThumbprint().toString()));
        String proof = proof(header -> header.jwk(OTHER_KEY.toPublicJWK()),
                claims -> claims.put("ath", SignInSecrets.sha256Base64Url(boundToOther)));
        InvalidDpopProofException refused = assertThrows(InvalidDpopProofException.class,
                () -> validator.validateDpopAccessToken(boundToOther, List.of(proof), "GET", URL));
        assertTrue(refused.getMessage().startsWith("RFC 9449 4.3 step 6"), refused.getMessage());
    }

    @Test
    void aProofByAKeyTheTokenIsNotBoundToIsRefusedBeforeItsSignatureIsVerified() {
        // a forged signature by another key: the key match refuses it, so its ECDSA verification is never paid
        refused("RFC 9449 4.3 step 12", proof(header -> header.jwk(OTHER_KEY.toPublicJWK()), claims -> { }));
    }

    @Test
    void withoutAValidTokenAProofsSignatureIsNeverVerified() {
        // an anonymous caller: a made-up token and a proof with a forged signature; the token is what is refused, so
        // no unverified request makes the resource server verify an ECDSA signature (some 2 ms on JDK 17)
        String madeUp = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
        String proof = proof(header -> header.jwk(OTHER_KEY.toPublicJWK()),
                claims -> claims.put("ath", SignInSecrets.sha256Base64Url(madeUp)));
        assertThrows(ProviderRejectedException.class,
                () -> validator.validateDpopAccessToken(madeUp, List.of(proof), "GET", URL));
    }

    @Test
    void step7NoPrivateKeyInTheHeader() throws Exception {
        JWSHeader.Builder withPrivate = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType("dpop+jwt"));
        // Nimbus refuses a private jwk when building a header; the JSON form carries it as a hostile client would
        Map<String, Object> headerJson = new LinkedHashMap<>(withPrivate.build().toJSONObject());
        headerJson.put("jwk", PROOF_KEY.toJSONObject());
        String encodedHeader = com.nimbusds.jose.util.Base64URL.encode(
                com.nimbusds.jose.util.JSONObjectUtils.toJSONString(headerJson)).toString();
        String valid = proof(claims -> { });
        String[] parts = valid.split("\\.");
        // Nimbus's header parser already refuses a non-public jwk (so this is refused at step 2); the step 7 check
        // behind it stays for parsers that would not
        InvalidDpopProofException refused = assertThrows(InvalidDpopProofException.class,
                () -> validate(List.of(encodedHeader + "." + parts[1] + "." + parts[2])));
        assertTrue(refused.getMessage().matches("RFC 9449 4\\.3 step [27]:.*"), refused.getMessage());
    }

    @Test
    void step8HtmIsTheRequestMethod() {
        refused("RFC 9449 4.3 step 8", proof(claims -> claims.put("htm", "POST")));
    }

    @Test
    void step9HtuIsTheRequestUrlWithoutQuery() throws Exception {
        refused("RFC 9449 4.3 step 9", proof(claims -> claims.put("htu", "https://api.example/orders/8")));
        refused("RFC 9449 4.3 step 9", proof(claims -> claims.put("htu", "https://evil.example/orders/7")));
        // normalised comparison: case of scheme and host, default port
        validate(List.of(proof(claims -> claims.put("htu", "HTTPS://API.example:443/orders/7"))));
    }

    @Test
    void step11IatWithinTheWindow() {
        refused("RFC 9449 4.3 step 11", proof(claims -> claims.put("iat", TestSupport.NOW.minusSeconds(61).getEpochSecond())));
        refused("RFC 9449 4.3 step 11", proof(claims -> claims.put("iat", TestSupport.NOW.plusSeconds(6).getEpochSecond())));
    }

    @Test
    void step11AProofBecomesTooOldByTheClock() throws Exception {
        String proof = proof(claims -> { });
        clock.advance(Duration.ofSeconds(61));
        refused("RFC 9449 4.3 step 11", proof);
    }

    @Test
    void step12AthIsTheTokensHash() {
        refused("RFC 9449 4.3 step 12", proof(claims -> claims.remove("ath")));
        refused("RFC 9449 4.3 step 12", proof(claims -> claims.put("ath", SignInSecrets.sha256Base64Url("other"))));
    }

    @Test
    void step12TheTokenIsBoundToTheProofsKey() throws Exception {
        String boundElsewhere = accessToken(Map.of("jkt", OTHER_KEY.computeThumbprint().toString()));
        String proof = proof(claims -> claims.put("ath", SignInSecrets.sha256Base64Url(boundElsewhere)));
        InvalidDpopProofException refused = assertThrows(InvalidDpopProofException.class,
                () -> validator.validateDpopAccessToken(boundElsewhere, List.of(proof), "GET", URL));
        assertTrue(refused.getMessage().contains("cnf.jkt"), refused.getMessage());
    }

    @Test
    void anUnboundTokenIsNoDpopToken() throws Exception {
        String unbound = accessToken(null);
        String proof = proof(claims -> claims.put("ath", SignInSecrets.sha256Base64Url(unbound)));
        ProviderRejectedException refused = assertThrows(ProviderRejectedException.class,
                () -> validator.validateDpopAccessToken(unbound, List.of(proof), "GET", URL));
        assertTrue(refused.getMessage().startsWith("RFC 9449 7.1"), refused.getMessage());
    }

    @Test
    void aProofIsUsedOnce() throws Exception {
        String proof = proof(claims -> { });
        validate(List.of(proof));
        InvalidDpopProofException refused = assertThrows(InvalidDpopProofException.class,
                () -> validate(List.of(proof)));
        assertTrue(refused.getMessage().startsWith("RFC 9449 11.1"), refused.getMessage());
    }

    @Test
    void aBoundTokenPresentedAsBearerIsRefused() {
        ProviderRejectedException refused = assertThrows(ProviderRejectedException.class,
                () -> validator.validateAccessToken(token));
        assertTrue(refused.getMessage().startsWith("RFC 9449 7.2"), refused.getMessage());
    }

    @Test
    void anUnboundTokenStaysAValidBearerToken() throws Exception {
        assertEquals("user-42", validator.validateAccessToken(accessToken(null)).subject());
    }

    @Test
    void aForgedTokenIsRefusedAsAToken() {
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
        String proof = proof(claims -> claims.put("ath", SignInSecrets.sha256Base64Url(forged)));
        assertThrows(ProviderRejectedException.class,
                () -> validator.validateDpopAccessToken(forged, List.of(proof), "GET", URL));
    }

}

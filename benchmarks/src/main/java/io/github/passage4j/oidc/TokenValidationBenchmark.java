package io.github.passage4j.oidc;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * (a) ID-token validation, (b) bearer validation on the cache-miss path against a plain JDK RS256 verify of the same
 * tokens, (c) a repeated bearer token answered from the verified-token cache. Keys are cached in every measured op.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenValidationBenchmark {

    /** Distinct bearer tokens cycled through on the miss path; twice the miss cache's size, so every lookup misses. */
    static final int DISTINCT_TOKENS = 256;
    static final int MISS_CACHE_SIZE = DISTINCT_TOKENS / 2;

    private PassageFixture fixture;
    private OpenIdProvider provider;
    private String idToken;
    private String accessToken;
    private String nonce;

    private AccessTokenValidator missValidator;
    private AccessTokenValidator hitValidator;
    private String[] bearerTokens;
    private byte[][] signingInputs;
    private byte[][] signatures;
    private PublicKey publicKey;
    private Signature reusedSignature;
    private int next;
    private String repeatedToken;
    private com.nimbusds.jose.crypto.RSASSAVerifier prebuiltVerifier;
    private com.nimbusds.jose.jwk.RSAKey publicJwk;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        fixture = new PassageFixture();
        nonce = PassageFixture.randomValue(32);
        accessToken = fixture.oidcAccessToken();
        idToken = fixture.idToken(nonce, accessToken);
        provider = fixture.warmProvider(idToken, nonce, accessToken);

        bearerTokens = new String[DISTINCT_TOKENS];
        signingInputs = new byte[DISTINCT_TOKENS][];
        signatures = new byte[DISTINCT_TOKENS][];
        for (int i = 0; i < DISTINCT_TOKENS; i++) {
            String token = fixture.elementToken();
            bearerTokens[i] = token;
            int lastDot = token.lastIndexOf('.');
            signingInputs[i] = token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
            signatures[i] = Base64.getUrlDecoder().decode(token.substring(lastDot + 1));
        }
        missValidator = fixture.warmBearerValidator(MISS_CACHE_SIZE, bearerTokens[0]);
        repeatedToken = fixture.elementToken();
        hitValidator = fixture.warmBearerValidator(PassageFixture.defaultMaxCachedTokens(), repeatedToken);
        publicKey = fixture.publicKey();
        reusedSignature = Signature.getInstance("SHA256withRSA");
        publicJwk = fixture.key.toPublicJWK();
        prebuiltVerifier = new com.nimbusds.jose.crypto.RSASSAVerifier(publicJwk);
        System.out.println();
        System.out.println("[sizes] ID token " + idToken.length() + " chars, element (bearer) token "
                + bearerTokens[0].length() + " chars, OIDC access token " + accessToken.length() + " chars");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        fixture.close();
    }

    private int nextIndex() {
        int i = next;
        next = (i + 1) % DISTINCT_TOKENS;
        return i;
    }

    /** (a) OIDC Core 3.1.3.7 validation of a Passage ID token (RS256, nonce, at_hash), keys and discovery cached. */
    @Benchmark
    public ValidatedIdToken idTokenValidation() throws Exception {
        return provider.validateIdToken(idToken, nonce, accessToken);
    }

    /** (b) Bearer validation, every token distinct for the cache (LRU of 128 cycled with 256 tokens): always a miss. */
    @Benchmark
    public ValidatedAccessToken bearerCacheMiss() throws Exception {
        return missValidator.validateAccessToken(bearerTokens[nextIndex()]);
    }

    /** (b) baseline: the RS256 verify alone of the same tokens' signing inputs, as Nimbus does it (new Signature). */
    @Benchmark
    public boolean plainRs256Verify() throws Exception {
        int i = nextIndex();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update(signingInputs[i]);
        return verifier.verify(signatures[i]);
    }

    /** (b) baseline variant: the same, reusing one Signature object (the cheapest possible RS256 verify). */
    @Benchmark
    public boolean plainRs256VerifyReused() throws Exception {
        int i = nextIndex();
        reusedSignature.initVerify(publicKey);
        reusedSignature.update(signingInputs[i]);
        return reusedSignature.verify(signatures[i]);
    }

    /** Breakdown of (b): Nimbus parse + verify with a verifier built once (no JWK conversion, no claims). */
    @Benchmark
    public boolean breakdownNimbusParseAndVerify() throws Exception {
        return com.nimbusds.jwt.SignedJWT.parse(bearerTokens[nextIndex()]).verify(prebuiltVerifier);
    }

    /** Breakdown of (b): what SignatureVerification does per candidate key before verifying: size check + verifier. */
    @Benchmark
    public Object breakdownJwkToVerifier() throws Exception {
        return publicJwk.size() >= 2048
                ? new com.nimbusds.jose.crypto.RSASSAVerifier(publicJwk) : null;
    }

    /** (c) The same bearer token again: answered from the bounded verified-token cache. */
    @Benchmark
    public ValidatedAccessToken bearerCacheHit() throws Exception {
        return hitValidator.validateAccessToken(repeatedToken);
    }
}

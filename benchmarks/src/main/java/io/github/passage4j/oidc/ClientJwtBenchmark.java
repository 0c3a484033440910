package io.github.passage4j.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.ClientSecretJWT;
import com.nimbusds.oauth2.sdk.auth.JWTAuthentication;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The JWTs a FAPI 2.0 client makes per request, and the DPoP proof check a resource server makes per request: what
 * they cost next to a bearer-token validation ({@code TokenValidationBenchmark.bearerCacheMiss}, the reference).
 *
 * <p>Each op is one JWT made as the library makes it, keys parsed and signers built once (as the library caches them
 * per client key): a {@code private_key_jwt} assertion ({@link ClientAssertions}, ES256 on P-256 and PS256 on
 * RSA-2048), a {@code client_secret_jwt} assertion (HS256), a DPoP proof ({@link DpopKey#proof}, ES256, with
 * {@code ath}), and a request object ({@link RequestObjects}, ES256, the nine parameters of a sign-in). The proof
 * check is {@link DpopProofVerifier#check}, every RFC 9449 4.3 step {@code validateDpopAccessToken} runs on the
 * proof (the access token's own validation and the jti replay guard are not in it), on proofs cycled from a set
 * made in setup, with a clock fixed at their iat so that they stay in the window.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ClientJwtBenchmark {

    static final URI ISSUER = URI.create("https://op.example");
    static final URI TOKEN_ENDPOINT = URI.create("https://op.example/token");
    static final URI RESOURCE = URI.create("https://api.example/accounts");
    static final String CLIENT_ID = PassageFixture.CLIENT_ID;
    static final int DISTINCT_PROOFS = 256;

    private ClientAssertions assertions;
    private ClientKey ecKey;
    private ClientKey rsaKey;
    private MACSigner hmacSigner;
    private DpopKey dpopKey;
    private String accessToken;
    private Instant proofTime;
    private DpopProofVerifier proofVerifier;
    private List<String>[] proofHeaders;
    private int nextProof;
    private RequestObjects requestObjects;
    private Map<String, String> authorizationParameters;
    private java.security.interfaces.ECPrivateKey plainEcPrivateKey;
    private java.security.interfaces.ECPublicKey plainEcPublicKey;
    private byte[] plainSigningInput;
    private byte[] plainEcSignature;

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() throws Exception {
        Clock clock = Clock.systemUTC();
        assertions = new ClientAssertions(CLIENT_ID, ClientAssertionAudience.ISSUER, clock);
        ecKey = ClientKey.parse(new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate().toJSONString(), null);
        rsaKey = ClientKey.parse(new RSAKeyGenerator(2048).keyID("rsa-1").generate().toJSONString(), "PS256");
        hmacSigner = new MACSigner(PassageFixture.CLIENT_SECRET.repeat(2).getBytes(StandardCharsets.UTF_8));

        dpopKey = DpopKey.generate(List.of());
        accessToken = PassageFixture.randomValue(48);
        proofTime = Instant.now();
        proofVerifier = new DpopProofVerifier(Clock.fixed(proofTime, ZoneOffset.UTC),
                AccessTokenValidator.DPOP_PROOF_MAX_AGE, AccessTokenValidator.DPOP_PROOF_MAX_FUTURE);
        proofHeaders = new List[DISTINCT_PROOFS];
        for (int i = 0; i < DISTINCT_PROOFS; i++) {
            proofHeaders[i] = List.of(dpopKey.proof("GET", RESOURCE, accessToken, null, proofTime));
        }
        // fails the setup, not the measurement, if the proofs would not pass
        proofVerifier.check(proofHeaders[0], "GET", RESOURCE, accessToken);

        requestObjects = new RequestObjects(ecKey, CLIENT_ID, ISSUER, clock);
        authorizationParameters = new LinkedHashMap<>();
        authorizationParameters.put("response_type", "code");
        authorizationParameters.put("client_id", CLIENT_ID);
        authorizationParameters.put("redirect_uri", "https://app.example/passage/callback");
        authorizationParameters.put("scope", "openid email");
        authorizationParameters.put("state", PassageFixture.randomValue(32));
        authorizationParameters.put("nonce", PassageFixture.randomValue(32));
        authorizationParameters.put("code_challenge", PassageFixture.randomValue(32));
        authorizationParameters.put("code_challenge_method", "S256");
        authorizationParameters.put("dpop_jkt", dpopKey.thumbprint());

        com.nimbusds.jose.jwk.ECKey plainKey = new ECKeyGenerator(Curve.P_256).generate();
        plainEcPrivateKey = plainKey.toECPrivateKey();
        plainEcPublicKey = plainKey.toECPublicKey();
        plainSigningInput = privateKeyJwtEs256().get("client_assertion").substring(0,
                privateKeyJwtEs256().get("client_assertion").lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
        plainEcSignature = plainEs256Sign();
    }

    /** The baseline of the ES256 rows: the JDK's SHA256withECDSA signing an assertion's signing input, no JOSE. */
    @Benchmark
    public byte[] plainEs256Sign() throws Exception {
        java.security.Signature signature = java.security.Signature.getInstance("SHA256withECDSA");
        signature.initSign(plainEcPrivateKey);
        signature.update(plainSigningInput);
        return signature.sign();
    }

    /** The baseline of the proof check: the JDK's SHA256withECDSA verifying that signature, no JOSE. */
    @Benchmark
    public boolean plainEs256Verify() throws Exception {
        java.security.Signature signature = java.security.Signature.getInstance("SHA256withECDSA");
        signature.initVerify(plainEcPublicKey);
        signature.update(plainSigningInput);
        return signature.verify(plainEcSignature);
    }

    /** One private_key_jwt assertion, ES256 on P-256: claims, signature, the two form parameters. */
    @Benchmark
    public Map<String, String> privateKeyJwtEs256() {
        return assertion(ecKey.algorithm(), ecKey.keyId(), ecKey.signer(), PrivateKeyJWT::new);
    }

    /** One private_key_jwt assertion, PS256 on RSA-2048. */
    @Benchmark
    public Map<String, String> privateKeyJwtPs256() {
        return assertion(rsaKey.algorithm(), rsaKey.keyId(), rsaKey.signer(), PrivateKeyJWT::new);
    }

    /** One client_secret_jwt assertion, HS256 under the client secret. */
    @Benchmark
    public Map<String, String> clientSecretJwtHs256() {
        return assertion(JWSAlgorithm.HS256, null, hmacSigner, ClientSecretJWT::new);
    }

    private Map<String, String> assertion(JWSAlgorithm algorithm, String keyId, JWSSigner signer,
            Function<SignedJWT, JWTAuthentication> wrap) {
        Map<String, String> form = new HashMap<>(4);
        assertions.add(TOKEN_ENDPOINT, ISSUER, algorithm, keyId, signer, wrap, form);
        return form;
    }

    /** One DPoP proof for a resource request, ES256, with ath (the access token's hash). */
    @Benchmark
    public String dpopProofEs256() {
        return dpopKey.proof("GET", RESOURCE, accessToken, null, proofTime);
    }

    /** The resource server's check of one DPoP proof (RFC 9449 4.3 steps 1-12, signature last). */
    @Benchmark
    public DpopProofVerifier.CheckedProof dpopProofVerification() throws Exception {
        List<String> header = proofHeaders[nextProof];
        nextProof = (nextProof + 1) % DISTINCT_PROOFS;
        return proofVerifier.check(header, "GET", RESOURCE, accessToken);
    }

    /** One signed request object (RFC 9101), ES256, carrying a sign-in's parameters. */
    @Benchmark
    public String requestObjectEs256() {
        return requestObjects.sign(authorizationParameters);
    }
}

package io.github.passage4j.oidc;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * Diagnostic, not a JMH benchmark: splits the bearer cache-miss path into its steps and times them interleaved, in
 * rounds, taking the best round of each (the least disturbed on a shared machine).
 * {@code java -cp target/benchmarks.jar io.github.passage4j.oidc.MissPathProbe}
 */
public final class MissPathProbe {

    interface Step {
        Object run(int i) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int n = 256;
        int perRound = 400;
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        try (PassageFixture fixture = new PassageFixture()) {
            String[] tokens = new String[n];
            byte[][] inputs = new byte[n][];
            byte[][] sigs = new byte[n][];
            for (int i = 0; i < n; i++) {
                tokens[i] = fixture.elementToken();
                int dot = tokens[i].lastIndexOf('.');
                inputs[i] = tokens[i].substring(0, dot).getBytes(StandardCharsets.US_ASCII);
                sigs[i] = Base64.getUrlDecoder().decode(tokens[i].substring(dot + 1));
            }
            var publicKey = fixture.publicKey();
            AccessTokenValidator missValidator = fixture.warmBearerValidator(n / 2, tokens[0]);
            JwksCache jwks = new JwksCache(new ProviderHttp(Duration.ofSeconds(5), Duration.ofSeconds(10), 512 * 1024),
                    Tuning.DEFAULT, new FailureBackoff(Duration.ofSeconds(2), System::nanoTime), () -> { });
            SignedJwtVerifier verifier = new SignedJwtVerifier(JwtKind.ACCESS_TOKEN,
                    new JwsHeaderRules(JwtKind.ACCESS_TOKEN, ClientSettings.DEFAULT_ALGORITHMS),
                    new SignatureVerification(jwks, null));
            AccessTokenClaimRules claimRules = new AccessTokenClaimRules(Set.of(PassageFixture.APP_ID), null,
                    Duration.ofSeconds(60));
            verifier.verify(tokens[0], null, fixture.jwksUri);

            String[] names = {"plain RS256 verify (new Signature)", "header parse+rules+signature+payload (SignedJwtVerifier)",
                    "claims check", "Sha256.of(token)", "validateAccessToken, cache miss"};
            Step[] steps = {
                i -> {
                    Signature s = Signature.getInstance("SHA256withRSA");
                    s.initVerify(publicKey);
                    s.update(inputs[i]);
                    return s.verify(sigs[i]);
                },
                i -> verifier.verify(tokens[i], null, fixture.jwksUri),
                i -> {
                    SignedJwtVerifier.VerifiedJwt verified = verifier.verify(tokens[i], null, fixture.jwksUri);
                    return claimRules.check(verified.claims(), verified.type(), fixture.elementIssuer, Instant.now());
                },
                i -> Sha256.of(tokens[i]),
                i -> missValidator.validateAccessToken(tokens[i]),
            };
            double[] best = new double[steps.length];
            java.util.Arrays.fill(best, Double.MAX_VALUE);
            Object sink = null;
            for (int r = 0; r < rounds; r++) {
                for (int s = 0; s < steps.length; s++) {
                    long start = System.nanoTime();
                    for (int k = 0; k < perRound; k++) {
                        sink = steps[s].run(k % n);
                    }
                    double us = (System.nanoTime() - start) / 1000.0 / perRound;
                    if (r >= rounds / 4) {
                        best[s] = Math.min(best[s], us);
                    }
                }
            }
            for (int s = 0; s < steps.length; s++) {
                System.out.printf("%-60s best round %8.1f us/op%n", names[s], best[s]);
            }
            System.out.println("(claims check row includes the SignedJwtVerifier step; sink " + (sink != null) + ")");
        }
    }
}

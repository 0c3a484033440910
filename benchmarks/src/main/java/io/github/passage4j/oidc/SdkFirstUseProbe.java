package io.github.passage4j.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.JWTID;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What Nimbus's OAuth 2.0 SDK costs the first {@code private_key_jwt} assertion of a JVM, the one-time price of the
 * dependency (JMH measures the steady state, where it is warm): each round starts two fresh JVMs, one making the
 * assertion the way {@link ClientAssertions} does (the SDK's claims set and parameters), one with Nimbus JOSE+JWT
 * alone, both after the JOSE classes every sign-in needs anyway are loaded. Prints each round and the medians.
 * <p>
 * {@code java -cp target/benchmarks.jar io.github.passage4j.oidc.SdkFirstUseProbe [rounds]}
 */
public final class SdkFirstUseProbe {

    private SdkFirstUseProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--child")) {
            System.out.println(firstAssertionNanos(args[1].equals("sdk")));
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        List<Long> sdk = new ArrayList<>();
        List<Long> jose = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            sdk.add(child("sdk"));
            jose.add(child("jose"));
            System.out.printf("round %d: sdk %.1f ms, jose only %.1f ms%n", round + 1,
                    sdk.get(round) / 1e6, jose.get(round) / 1e6);
        }
        System.out.printf("median: sdk %.1f ms, jose only %.1f ms%n", median(sdk) / 1e6, median(jose) / 1e6);
    }

    private static long child(String variant) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                SdkFirstUseProbe.class.getName(), "--child", variant).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("child failed: " + out);
        }
        return Long.parseLong(out);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static long firstAssertionNanos(boolean withSdk) throws JOSEException {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k").generate();
        JWSSigner signer = new ECDSASigner(key);
        // the JOSE classes an ID token check loads anyway, so only what the assertion adds is timed
        SignedJWT warm = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256),
                new JWTClaimsSet.Builder().subject("warm").build());
        warm.sign(signer);
        warm.serialize();

        long start = System.nanoTime();
        Map<String, String> form = new HashMap<>();
        Date now = new Date();
        Date exp = new Date(now.getTime() + 60_000);
        if (withSdk) {
            JWTAuthenticationClaimsSet claims = new JWTAuthenticationClaimsSet(new ClientID("client"),
                    List.of(new Audience("https://issuer.example")), exp, null, now, new JWTID());
            SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k").build(),
                    claims.toJWTClaimsSet());
            assertion.sign(signer);
            new PrivateKeyJWT(assertion).toParameters().forEach((name, values) -> form.put(name, values.get(0)));
        } else {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("client").subject("client")
                    .audience("https://issuer.example").expirationTime(exp).issueTime(now)
                    .jwtID(UUID.randomUUID().toString()).build();
            SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k").build(), claims);
            assertion.sign(signer);
            form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
            form.put("client_assertion", assertion.serialize());
        }
        long elapsed = System.nanoTime() - start;
        if (form.size() != 2) {
            throw new IllegalStateException("expected the two assertion parameters, got " + form.keySet());
        }
        return elapsed;
    }
}

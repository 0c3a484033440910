package io.github.passage4j.provider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * An independent reference validation of one sign-in, written for the tests: what a careful relying party checks,
 * with Nimbus and java.net.http only, trusting nothing the provider says about itself beyond its URL. Each check of
 * {@link HostileCase.Check} ends as passed, failed or skipped (when a check it depends on failed).
 */
final class ReferenceValidation {

    static final Duration SKEW = Duration.ofSeconds(60);
    static final Duration MAX_AGE = Duration.ofMinutes(10);
    private static final Set<String> KEY_HEADERS = Set.of("jwk", "jku", "x5u", "x5c");

    enum Outcome { PASSED, FAILED, SKIPPED }

    record Result(Outcome outcome, String detail) {
    }

    /** What one sign-in gave and how each check went. */
    static final class Report {
        final Map<HostileCase.Check, Result> results = new EnumMap<>(HostileCase.Check.class);
        String idToken;
        String accessToken;
        String kid;
        boolean jwksRefetched;
        List<RSAKey> jwksUsed = List.of();

        void put(HostileCase.Check check, boolean passed, String detail) {
            results.put(check, new Result(passed ? Outcome.PASSED : Outcome.FAILED, detail));
        }

        void skip(HostileCase.Check check, String because) {
            results.put(check, new Result(Outcome.SKIPPED, because));
        }

        boolean passed(HostileCase.Check check) {
            return results.get(check).outcome() == Outcome.PASSED;
        }

        Set<HostileCase.Check> failed() {
            return results.entrySet().stream().filter(e -> e.getValue().outcome() == Outcome.FAILED)
                    .map(Map.Entry::getKey).collect(Collectors.toCollection(() -> java.util.EnumSet.noneOf(HostileCase.Check.class)));
        }

        Set<HostileCase.Check> skipped() {
            return results.entrySet().stream().filter(e -> e.getValue().outcome() == Outcome.SKIPPED)
                    .map(Map.Entry::getKey).collect(Collectors.toCollection(() -> java.util.EnumSet.noneOf(HostileCase.Check.class)));
        }

        @Override
        public String toString() {
            StringJoiner lines = new StringJoiner("\n  ", "reference validation:\n  ", "");
            results.forEach((check, result) -> lines.add(check.id() + ": " + result.outcome() + " - " + result.detail()));
            return lines.toString();
        }
    }

    private final TestClient client;
    private final String expectedIssuer;

    ReferenceValidation(TestClient client) {
        this.client = client;
        // The only thing taken on trust: the URL the provider is configured under.
        this.expectedIssuer = client.provider.issuer().toString();
    }

    /** @return the JWK set at the provider's {@code jwks_uri}, as a relying party would fetch it before a sign-in */
    List<RSAKey> fetchJwks() throws Exception {
        return rsaSignatureKeys(client.get(URI.create((String) discovery().get("jwks_uri"))).body());
    }

    private Map<String, Object> discovery() throws Exception {
        HttpResponse<String> response = client.get(URI.create(expectedIssuer + "/.well-known/openid-configuration"));
        if (response.statusCode() != 200) {
            throw new AssertionError("discovery answered " + response.statusCode());
        }
        return JSONObjectUtils.parse(response.body());
    }

    /**
     * Signs in as alice through the login page, redeems the code (client_secret_basic, PKCE) and runs every check.
     *
     * @param cachedJwks the keys a relying party fetched earlier, or {@code null} to fetch them now
     */
    Report signInAndValidate(List<RSAKey> cachedJwks) throws Exception {
        Report report = new Report();
        Map<String, Object> discovery = discovery();
        Object discoveredIssuer = discovery.get("issuer");
        report.put(HostileCase.Check.DISCOVERY_ISSUER, expectedIssuer.equals(discoveredIssuer),
                "discovery issuer " + discoveredIssuer + ", served under " + expectedIssuer);

        TestClient.Flow flow = client.flow("openid email");
        Map<String, String> callback = client.signIn(flow, "user-alice");
        String issParameter = callback.get("iss");
        report.put(HostileCase.Check.ISS_PARAMETER, expectedIssuer.equals(issParameter), "iss parameter " + issParameter);
        if (!flow.state().equals(callback.get("state")) || callback.get("code") == null) {
            throw new AssertionError("not a successful authorization response: " + callback);
        }
        HttpResponse<String> tokenResponse = client.redeem(callback.get("code"), flow.verifier());
        if (tokenResponse.statusCode() != 200) {
            throw new AssertionError("token endpoint answered " + tokenResponse.statusCode() + ": " + tokenResponse.body());
        }
        Map<String, Object> tokens = TestClient.json(tokenResponse);
        report.idToken = (String) tokens.get("id_token");
        report.accessToken = (String) tokens.get("access_token");

        JWT jwt = JWTParser.parse(report.idToken);
        boolean rs256 = jwt instanceof SignedJWT && JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm());
        report.put(HostileCase.Check.ALG, rs256, "alg " + jwt.getHeader().getAlgorithm() + " (" + jwt.getClass().getSimpleName() + ")");
        Set<String> keyHeaders = jwt.getHeader().toJSONObject().keySet().stream().filter(KEY_HEADERS::contains)
                .collect(Collectors.toSet());
        report.put(HostileCase.Check.HEADER, keyHeaders.isEmpty(), "key headers " + keyHeaders);
        if (!report.passed(HostileCase.Check.ALG) || !report.passed(HostileCase.Check.HEADER)) {
            report.skip(HostileCase.Check.SIGNATURE, "alg or header failed: the token names no JWKS key to check with RS256");
        } else {
            checkSignature(report, (SignedJWT) jwt, cachedJwks, (String) discovery.get("jwks_uri"));
        }

        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        report.put(HostileCase.Check.ISS, expectedIssuer.equals(claims.getIssuer()), "iss " + claims.getIssuer());
        String sub = claims.getSubject();
        report.put(HostileCase.Check.SUB, sub != null && !sub.isEmpty(), "sub " + sub);
        List<String> aud = claims.getAudience();
        report.put(HostileCase.Check.AUD, List.of(TestClient.CLIENT_ID).equals(aud), "aud " + aud);
        Object azp = claims.getClaim("azp");
        if (report.passed(HostileCase.Check.AUD)) {
            report.put(HostileCase.Check.AZP, azp == null || TestClient.CLIENT_ID.equals(azp), "azp " + azp);
        } else {
            report.skip(HostileCase.Check.AZP, "aud failed (azp is checked after the audience, OIDC Core 3.1.3.7 steps 3-5)");
        }
        Instant now = Instant.now();
        Date exp = claims.getExpirationTime();
        report.put(HostileCase.Check.EXP, exp != null && exp.toInstant().isAfter(now.minus(SKEW)), "exp " + exp);
        Date iat = claims.getIssueTime();
        report.put(HostileCase.Check.IAT, iat != null && !iat.toInstant().isAfter(now.plus(SKEW))
                && !iat.toInstant().isBefore(now.minus(MAX_AGE)), "iat " + iat);
        Object nonce = claims.getClaim("nonce");
        report.put(HostileCase.Check.NONCE, flow.nonce().equals(nonce), "nonce " + nonce + ", sent " + flow.nonce());
        Object atHash = claims.getClaim("at_hash");
        report.put(HostileCase.Check.AT_HASH, atHash == null || atHash.equals(atHash(report.accessToken)), "at_hash " + atHash);

        if (!report.passed(HostileCase.Check.SUB)) {
            report.skip(HostileCase.Check.USERINFO_SUB, "the ID token has no sub to compare with");
        } else {
            HttpResponse<String> userinfo = client.get(URI.create((String) discovery.get("userinfo_endpoint")),
                    "Bearer " + report.accessToken);
            Object userinfoSub = userinfo.statusCode() == 200 ? TestClient.json(userinfo).get("sub") : null;
            report.put(HostileCase.Check.USERINFO_SUB, sub.equals(userinfoSub),
                    "userinfo HTTP " + userinfo.statusCode() + ", sub " + userinfoSub);
        }
        return report;
    }

    private void checkSignature(Report report, SignedJWT jwt, List<RSAKey> cachedJwks, String jwksUri) throws Exception {
        String kid = jwt.getHeader().getKeyID();
        report.kid = kid;
        List<RSAKey> keys = cachedJwks != null ? cachedJwks : rsaSignatureKeys(client.get(URI.create(jwksUri)).body());
        List<RSAKey> candidates = candidates(keys, kid);
        if (kid != null && candidates.isEmpty()) {
            // An unknown kid: the provider may have rotated its keys since they were fetched.
            keys = rsaSignatureKeys(client.get(URI.create(jwksUri)).body());
            candidates = candidates(keys, kid);
            report.jwksRefetched = true;
        }
        report.jwksUsed = keys;
        for (RSAKey key : candidates) {
            if (verifies(jwt, key)) {
                report.put(HostileCase.Check.SIGNATURE, true, "verified with " + key.getKeyID() + " of " + candidates.size()
                        + " candidate(s)" + (report.jwksRefetched ? " after refetching the JWKS" : ""));
                return;
            }
        }
        report.put(HostileCase.Check.SIGNATURE, false, "kid " + kid + ": none of " + candidates.size() + " candidate key(s) verifies");
    }

    private static List<RSAKey> candidates(List<RSAKey> keys, String kid) {
        return kid == null ? keys : keys.stream().filter(key -> kid.equals(key.getKeyID())).toList();
    }

    private static boolean verifies(SignedJWT jwt, RSAKey key) {
        try {
            return jwt.verify(new RSASSAVerifier(key));
        } catch (JOSEException e) {
            return false;
        }
    }

    /**
     * @return the usable RSA signature keys of a JWK set, ignoring entries of unknown type, unparseable values or for
     *         encryption (RFC 7517 4.2 and 5)
     */
    static List<RSAKey> rsaSignatureKeys(String jwksJson) throws Exception {
        List<RSAKey> usable = new ArrayList<>();
        for (Object entry : JSONObjectUtils.getJSONArray(JSONObjectUtils.parse(jwksJson), "keys")) {
            try {
                @SuppressWarnings("unchecked")
                JWK jwk = JWK.parse((Map<String, Object>) entry);
                if (jwk instanceof RSAKey rsa && !KeyUse.ENCRYPTION.equals(rsa.getKeyUse())) {
                    rsa.toRSAPublicKey(); // throws when n or e is unusable
                    usable.add(rsa);
                }
            } catch (java.text.ParseException | JOSEException | ClassCastException e) {
                // RFC 7517 5: ignore what cannot be understood
            }
        }
        return usable;
    }

    /** @return the {@code at_hash} of an RS256 ID token for {@code accessToken} (OIDC Core 3.1.3.6) */
    static String atHash(String accessToken) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
        return Base64URL.encode(Arrays.copyOf(digest, digest.length / 2)).toString();
    }
}

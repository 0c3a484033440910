package io.github.passage4j.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keys, settings and token minting shared by the tests (the glue's too: public). Keys are generated once per JVM:
 * RSA generation is slow.
 */
public final class TestSupport {

    public static final String CLIENT_ID = "client-1";
    /** Long enough (>= 64 bytes) for HS256, HS384 and HS512. */
    static final String CLIENT_SECRET = "a-client-secret-that-is-long-enough-for-every-hmac-algorithm-0123456789";
    static final String NONCE = "nonce-0123";
    public static final Instant NOW = Instant.parse("2030-01-02T03:04:05Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    public static final Duration SKEW = Duration.ofSeconds(30);

    public static final RSAKey RSA_1 = rsa("rsa-1");
    static final RSAKey RSA_2 = rsa("rsa-2");
    static final ECKey EC_1 = ec("ec-1", Curve.P_256);

    private TestSupport() {
    }

    /** A clock the test moves forward by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey ec(String kid, Curve curve) {
        try {
            return new ECKeyGenerator(curve).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ClientSettings settings(String issuer) {
        return settings(issuer, null);
    }

    /** Generous timeouts: the machine running the tests may be busy, and only the timeout tests want them short. */
    static ClientSettings settings(String issuer, Set<String> algorithms) {
        return settings(issuer, algorithms, Duration.ofSeconds(5));
    }

    static ClientSettings settings(String issuer, Set<String> algorithms, Duration readTimeout) {
        return new ClientSettings(URI.create(issuer), CLIENT_ID, CLIENT_SECRET, List.of("openid", "email"),
                Duration.ofSeconds(5), readTimeout, SKEW, algorithms);
    }

    /** A client under the FAPI 2.0 profile, authenticating with private_key_jwt by a fresh P-256 key. */
    static OpenIdProvider fapi2Provider(FakeProvider fake) {
        ClientSettings plain = settings(fake.issuer);
        ClientProtocol fapi2 = new ClientProtocol(ClientAuthenticationMethod.PRIVATE_KEY_JWT, ecClientKey(), null,
                true, true, false, SecurityProfile.FAPI_2_0);
        ClientSettings settings = new ClientSettings(plain.issuer(), plain.clientId(), null, plain.scope(),
                plain.connectTimeout(), plain.readTimeout(), plain.clockSkew(), Set.of("PS256", "ES256"), fapi2);
        return new OpenIdProvider(settings, CLOCK, tuning(new AtomicLong()));
    }

    /**
     * Makes a PKCS#12 keystore with one self-signed key entry, as an operator would, with the JDK's keytool.
     *
     * @param file the keystore to write
     * @param keyAlgorithm {@code EC} (P-256) or {@code RSA} (2048 bits)
     * @param dname the certificate's subject, which for a server names its host: {@code CN=localhost}
     * @param password the keystore's and the entry's password
     */
    public static void keyStore(java.nio.file.Path file, String keyAlgorithm, String dname, String password) {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "key", "-keyalg", keyAlgorithm, "-dname", dname, "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-keystore", file.toString(), "-storetype", "PKCS12", "-storepass", password, "-validity", "2"));
        command.addAll("EC".equals(keyAlgorithm) ? List.of("-groupname", "secp256r1") : List.of("-keysize", "2048"));
        keytool(command.subList(1, command.size()).toArray(String[]::new));
    }

    /**
     * Makes a test certificate authority as a PKCS#12 keystore: one EC P-256 key entry {@code ca} whose
     * self-signed certificate may sign others (basic constraints CA:true).
     *
     * @param file the keystore to write
     * @param dname the CA's name, e.g. {@code CN=Test CA}
     * @param password the keystore's and the entry's password
     */
    public static void caKeyStore(java.nio.file.Path file, String dname, String password) {
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-ext", "bc:c", "-keystore", file.toString(), "-storetype", "PKCS12", "-storepass", password,
                "-validity", "2");
    }

    /**
     * Makes a PKCS#12 keystore whose key entry {@code key} has a certificate issued by the CA of
     * {@link #caKeyStore}, as an operator would with {@code keytool -certreq} and {@code -gencert}: valid for
     * {@code localhost} and {@code 127.0.0.1}, so it serves a loopback server as well as a client.
     *
     * @param file the keystore to write
     * @param keyAlgorithm {@code EC} (P-256) or {@code RSA} (2048 bits)
     * @param dname the certificate's subject
     * @param password the keystore's and the entry's password
     * @param ca the CA's keystore
     * @param caPassword its password
     */
    public static void caSignedKeyStore(java.nio.file.Path file, String keyAlgorithm, String dname, String password,
            java.nio.file.Path ca, String caPassword) {
        keyStore(file, keyAlgorithm, dname, password);
        java.nio.file.Path request = file.resolveSibling(file.getFileName() + ".csr");
        java.nio.file.Path issued = file.resolveSibling(file.getFileName() + ".crt");
        java.nio.file.Path caCertificate = file.resolveSibling(file.getFileName() + ".ca.crt");
        keytool("-certreq", "-alias", "key", "-keystore", file.toString(), "-storepass", password, "-file",
                request.toString());
        keytool("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-storepass", caPassword, "-infile",
                request.toString(), "-outfile", issued.toString(), "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", "2");
        keytool("-exportcert", "-alias", "ca", "-keystore", ca.toString(), "-storepass", caPassword, "-file",
                caCertificate.toString());
        // the reply replaces the self-signed certificate only once the chain to the CA is known
        keytool("-importcert", "-alias", "ca", "-noprompt", "-keystore", file.toString(), "-storepass", password,
                "-file", caCertificate.toString());
        keytool("-importcert", "-alias", "key", "-keystore", file.toString(), "-storepass", password, "-file",
                issued.toString());
        keytool("-delete", "-alias", "ca", "-keystore", file.toString(), "-storepass", password);
    }

    /**
     * Makes a PKCS#12 trust store holding the certificate of the CA of {@link #caKeyStore}.
     *
     * @param file the trust store to write
     * @param password its password
     * @param ca the CA's keystore
     * @param caPassword its password
     */
    public static void trustStore(java.nio.file.Path file, String password, java.nio.file.Path ca, String caPassword) {
        java.nio.file.Path caCertificate = file.resolveSibling(file.getFileName() + ".ca.crt");
        keytool("-exportcert", "-alias", "ca", "-keystore", ca.toString(), "-storepass", caPassword, "-file",
                caCertificate.toString());
        keytool("-importcert", "-alias", "ca", "-noprompt", "-keystore", file.toString(), "-storetype", "PKCS12",
                "-storepass", password, "-file", caCertificate.toString());
    }

    private static void keytool(String... arguments) {
        List<String> command = new java.util.ArrayList<>();
        command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        try {
            // the output goes to a file: reading a pipe to its end would wait past the bound for a keytool that hangs
            java.nio.file.Path output = java.nio.file.Files.createTempFile("keytool", ".log");
            try {
                Process keytool = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!keytool.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)) {
                    keytool.destroyForcibly();
                    throw new IllegalStateException("keytool " + arguments[0] + " took longer than two minutes");
                }
                if (keytool.exitValue() != 0) {
                    throw new IllegalStateException("keytool " + arguments[0] + " failed: "
                            + java.nio.file.Files.readString(output));
                }
            } finally {
                java.nio.file.Files.deleteIfExists(output);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A fresh client key on P-256, signing ES256. */
    public static ClientKey ecClientKey() {
        try {
            return ClientKey.parse(new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256)
                    .generate().toJSONString(), null);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tuning with a manually driven monotonic clock, so back-off and rate limits need no sleeping. */
    static Tuning tuning(AtomicLong nanos) {
        return new Tuning(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofHours(24),
                Duration.ofHours(24), 512 * 1024, nanos::get);
    }

    static OpenIdProvider provider(FakeProvider fake) {
        return new OpenIdProvider(settings(fake.issuer), CLOCK, tuning(new AtomicLong()));
    }

    /** A provider for the fake as {@link #provider(FakeProvider)}, the client speaking {@code protocol}. */
    static OpenIdProvider provider(FakeProvider fake, ClientProtocol protocol) {
        ClientSettings plain = settings(fake.issuer);
        ClientSettings withProtocol = new ClientSettings(plain.issuer(), plain.clientId(), CLIENT_SECRET,
                plain.scope(), plain.connectTimeout(), plain.readTimeout(), plain.clockSkew(), null, protocol);
        return new OpenIdProvider(withProtocol, CLOCK, tuning(new AtomicLong()));
    }

    /** Valid claims for the fake provider; tests change or remove entries to break one rule. */
    static Map<String, Object> claims(String issuer) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", "user-42");
        claims.put("aud", CLIENT_ID);
        claims.put("exp", NOW.plusSeconds(300).getEpochSecond());
        claims.put("iat", NOW.minusSeconds(5).getEpochSecond());
        claims.put("nonce", NONCE);
        return claims;
    }

    /** An RS/PS signer without the checked exception (the test keys are always usable). */
    public static RSASSASigner signer(RSAKey key) {
        try {
            return new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(JWSHeader header, Map<String, Object> claims, JWSSigner signer) {
        try {
            JWSObject jws = new JWSObject(header, new Payload(claims));
            jws.sign(signer);
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Decodes an {@code application/x-www-form-urlencoded} string, a request body or a URL's raw query, into its
     * parameters in order (names and values form-decoded; a name without {@code =} has the empty value).
     *
     * @param form the encoded parameters, e.g. {@code a=1&b=x%20y}
     * @return the decoded parameters, one value each (the last wins)
     */
    public static Map<String, String> decodeForm(String form) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            String[] nameValue = pair.split("=", 2);
            parameters.put(java.net.URLDecoder.decode(nameValue[0], java.nio.charset.StandardCharsets.UTF_8),
                    nameValue.length < 2 ? ""
                            : java.net.URLDecoder.decode(nameValue[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /**
     * The payload of a compact JWS exactly as JSON parses it: unlike Nimbus's claims view, a string {@code aud}
     * stays a string and an array an array, so a test can tell which one went over the wire.
     *
     * @param compactJws a signed JWT in compact serialization
     * @return its payload's members
     */
    public static Map<String, Object> rawPayload(String compactJws) throws java.text.ParseException {
        String payload = compactJws.split("\\.")[1];
        return com.nimbusds.jose.util.JSONObjectUtils.parse(new com.nimbusds.jose.util.Base64URL(payload).decodeToString());
    }
}

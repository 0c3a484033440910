package io.github.passage4j.testkit;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates for mutual TLS tests (RFC 8705), written as PKCS#12 files into one directory, so that their paths can
 * be handed to app servers through configuration ({@code passage.client-key-store},
 * {@code passage.provider-trust-store}) and to {@link io.github.passage4j.provider.LocalPassageProvider.Builder#mutualTls}:
 *
 * <ul>
 *   <li>a test CA ({@link #caKeyStore()}), and a {@link #trustStore()} holding only its certificate;</li>
 *   <li>a {@link #serverKeyStore()} issued by the CA for {@code localhost} and {@code 127.0.0.1} (subject alternative
 *       names), for the provider's HTTPS listener;</li>
 *   <li>client keystores: {@link #clientKeyStore(String, String) issued by the CA} with a given subject DN (for
 *       {@code tls_client_auth}), or {@link #selfSignedClientKeyStore(String, String) self-signed} (for
 *       {@code self_signed_tls_client_auth}, whose key is registered with {@link #publicJwks(Path)}).</li>
 * </ul>
 *
 * <pre>{@code
 * TestCertificates certificates = TestCertificates.create(temporaryDirectory);
 * Path client = certificates.clientKeyStore("app", "CN=app-client,O=Example");
 * try (LocalPassageProvider provider = LocalPassageProvider.builder().client("app-client", "secret")
 *         .mutualTls(certificates.serverKeyStore(), certificates.trustStore(), certificates.password())
 *         .build().start()) {
 *     provider.behaviour().tokenEndpointAuthMethods("tls_client_auth")
 *             .clientCertificateSubject("app-client", "CN=app-client,O=Example");
 *     // the app's configuration, beside PassageSettings#asMap(): passage.token-endpoint-auth-method,
 *     // passage.client-key-store, passage.provider-trust-store and their passwords
 *     Map<String, String> config = certificates.appConfiguration("tls_client_auth", client, null);
 * }
 * }</pre>
 *
 * <p>Every key is EC P-256, every certificate valid for {@link #VALIDITY_DAYS} days from its making, every file and
 * key entry guarded by {@link #password()}; key entries are named {@code key}, the CA's {@code ca}. The files are
 * made by the JDK's own {@code keytool} ({@code $java.home/bin/keytool}), as an operator would, each call bounded by
 * {@link #KEYTOOL_TIMEOUT}. Test material only: the password is no secret.
 *
 * <p>Immutable; the files of one instance are made once, client keystores each time one is asked for.
 */
public final class TestCertificates {

    /** The password of every file and key entry when none is given. */
    public static final String DEFAULT_PASSWORD = "passage-test";
    /** How long the certificates are valid, from their making. */
    public static final int VALIDITY_DAYS = 7;
    /** The longest one keytool call may take before it is ended and the making fails. */
    public static final Duration KEYTOOL_TIMEOUT = Duration.ofMinutes(1);

    /** A file name without path separators, so a keystore always lands in the directory. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Written last by {@link #reuseOrCreate(Path)}, so a set cut short is never taken for a whole one. */
    private static final String COMPLETE_MARKER = "complete";
    private static final String LOOPBACK_NAMES = "SAN=dns:localhost,ip:127.0.0.1";

    private final Path directory;
    private final String password;
    private final Path caKeyStore;
    private final Path trustStore;
    private final Path serverKeyStore;

    private TestCertificates(Path directory, String password) {
        this.directory = directory;
        this.password = password;
        this.caKeyStore = directory.resolve("ca.p12");
        this.trustStore = directory.resolve("trust.p12");
        this.serverKeyStore = directory.resolve("server.p12");
    }

    /**
     * Makes the CA, its trust store and the server keystore in {@code directory}, with {@link #DEFAULT_PASSWORD}.
     *
     * @param directory an existing directory, e.g. a JUnit {@code @TempDir}
     * @return the certificates
     * @throws IllegalStateException when keytool fails or takes longer than {@link #KEYTOOL_TIMEOUT}
     */
    public static TestCertificates create(Path directory) {
        return create(directory, DEFAULT_PASSWORD);
    }

    /**
     * Makes the CA ({@code ca.p12}, subject {@code CN=Passage4J Test CA}), its trust store ({@code trust.p12}) and
     * the server keystore ({@code server.p12}, subject {@code CN=localhost}) in {@code directory}.
     *
     * @param directory an existing directory
     * @param password  the password of every file and key entry, at least 6 characters (keytool's minimum)
     * @return the certificates
     * @throws IllegalArgumentException when the directory does not exist or the password is too short
     * @throws IllegalStateException    when keytool fails or takes longer than {@link #KEYTOOL_TIMEOUT}
     */
    public static TestCertificates create(Path directory, String password) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(password, "password");
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("not a directory: " + directory);
        }
        if (password.length() < 6) {
            throw new IllegalArgumentException("keytool wants passwords of at least 6 characters");
        }
        TestCertificates certificates = new TestCertificates(directory.toAbsolutePath(), password);
        certificates.makeAuthority();
        certificates.issue(certificates.serverKeyStore, "CN=localhost");
        return certificates;
    }

    /**
     * The set in {@code directory} with {@link #DEFAULT_PASSWORD} when an earlier call made it there (in this JVM or
     * an earlier one, such as the previous server module of a build) and its server certificate is valid for at least
     * another day; otherwise a new set, made as {@link #create(Path)} does after the old files are removed. Making a
     * set takes a dozen keytool runs; this lets the test JVMs of one build share one. Not for JVMs running at the same
     * time: the making is not guarded against a second maker.
     *
     * @param directory the directory, made when missing
     * @return the certificates
     * @throws IllegalStateException when keytool fails or takes longer than {@link #KEYTOOL_TIMEOUT}
     */
    public static TestCertificates reuseOrCreate(Path directory) {
        Objects.requireNonNull(directory, "directory");
        Path absolute = directory.toAbsolutePath();
        Path complete = absolute.resolve(COMPLETE_MARKER);
        try {
            Files.createDirectories(absolute);
            TestCertificates existing = new TestCertificates(absolute, DEFAULT_PASSWORD);
            if (Files.exists(complete) && existing.validForAnotherDay()) {
                return existing;
            }
            try (var files = Files.list(absolute)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".p12") || name.endsWith(".crt") || name.endsWith(".csr")
                            || name.equals(COMPLETE_MARKER)) {
                        Files.delete(file);
                    }
                }
            }
            TestCertificates made = create(absolute);
            Files.writeString(complete, "made by TestCertificates.reuseOrCreate\n");
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep test certificates in " + absolute, e);
        }
    }

    private boolean validForAnotherDay() {
        if (!Files.isRegularFile(caKeyStore) || !Files.isRegularFile(trustStore)
                || !Files.isRegularFile(serverKeyStore)) {
            return false;
        }
        try {
            certificate(serverKeyStore).checkValidity(Date.from(Instant.now().plus(Duration.ofDays(1))));
            return true;
        } catch (GeneralSecurityException | IllegalStateException unusable) {
            return false;
        }
    }

    private void makeAuthority() {
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=Passage4J Test CA", "-ext", "bc:c", "-keystore", caKeyStore.toString(),
                "-storetype", "PKCS12", "-storepass", password, "-validity", Integer.toString(VALIDITY_DAYS));
        Path caCertificate = directory.resolve("ca.crt");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", caKeyStore.toString(), "-storepass", password,
                "-file", caCertificate.toString());
        keytool("-importcert", "-alias", "ca", "-noprompt", "-keystore", trustStore.toString(), "-storetype",
                "PKCS12", "-storepass", password, "-file", caCertificate.toString());
    }

    /** A self-signed key pair, then its certificate replaced by one the CA issues, as keytool -gencert does. */
    private void issue(Path keyStore, String subjectDn) {
        selfSigned(keyStore, subjectDn);
        String name = keyStore.getFileName().toString();
        Path request = directory.resolve(name + ".csr");
        Path issued = directory.resolve(name + ".crt");
        keytool("-certreq", "-alias", "key", "-keystore", keyStore.toString(), "-storepass", password, "-file",
                request.toString());
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", caKeyStore.toString(), "-storepass", password,
                "-infile", request.toString(), "-outfile", issued.toString(), "-ext", LOOPBACK_NAMES,
                "-validity", Integer.toString(VALIDITY_DAYS));
        // keytool accepts the CA's answer only once it knows the chain: import the CA, the answer, then drop the CA
        keytool("-importcert", "-alias", "ca", "-noprompt", "-keystore", keyStore.toString(), "-storepass", password,
                "-file", directory.resolve("ca.crt").toString());
        keytool("-importcert", "-alias", "key", "-keystore", keyStore.toString(), "-storepass", password, "-file",
                issued.toString());
        keytool("-delete", "-alias", "ca", "-keystore", keyStore.toString(), "-storepass", password);
    }

    private void selfSigned(Path keyStore, String subjectDn) {
        keytool("-genkeypair", "-alias", "key", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", subjectDn,
                "-ext", LOOPBACK_NAMES, "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                "-storepass", password, "-validity", Integer.toString(VALIDITY_DAYS));
    }

    /**
     * Makes {@code <name>.p12}: a client key whose certificate the CA issued to {@code subjectDn}, as a
     * {@code tls_client_auth} client has; register the subject with
     * {@link io.github.passage4j.provider.Behaviour#clientCertificateSubject(String, String)}.
     *
     * @param name      the file's name without {@code .p12}: letters, digits, {@code .}, {@code _}, {@code -}
     * @param subjectDn the certificate's subject, an RFC 4514 distinguished name such as {@code CN=app,O=Example}
     * @return the keystore's path
     * @throws IllegalArgumentException when the name is not a plain file name or the file exists
     * @throws IllegalStateException    when keytool fails (also for a malformed DN) or takes too long
     */
    public Path clientKeyStore(String name, String subjectDn) {
        Path keyStore = newKeyStore(name);
        issue(keyStore, Objects.requireNonNull(subjectDn, "subjectDn"));
        return keyStore;
    }

    /**
     * Makes {@code <name>.p12}: a client key with a self-signed certificate, as a
     * {@code self_signed_tls_client_auth} client has (RFC 8705 2.2); register its key with
     * {@link io.github.passage4j.provider.Behaviour#clientJwks(String, JWKSet)} and {@link #publicJwks(Path)}.
     *
     * @param name      the file's name without {@code .p12}
     * @param subjectDn the certificate's subject (and issuer)
     * @return the keystore's path
     * @throws IllegalArgumentException when the name is not a plain file name or the file exists
     * @throws IllegalStateException    when keytool fails or takes too long
     */
    public Path selfSignedClientKeyStore(String name, String subjectDn) {
        Path keyStore = newKeyStore(name);
        selfSigned(keyStore, Objects.requireNonNull(subjectDn, "subjectDn"));
        return keyStore;
    }

    private Path newKeyStore(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
        Path keyStore = directory.resolve(name + ".p12");
        if (Files.exists(keyStore)) {
            throw new IllegalArgumentException("the keystore exists already: " + keyStore);
        }
        return keyStore;
    }

    /** @return the directory of the files */
    public Path directory() {
        return directory;
    }

    /** @return the password of every file and key entry */
    public String password() {
        return password;
    }

    /** @return the CA's keystore ({@code ca.p12}, key entry {@code ca}) */
    public Path caKeyStore() {
        return caKeyStore;
    }

    /**
     * @return the trust store ({@code trust.p12}) holding only the CA's certificate: what an app checks the
     *     provider's certificate against, and what the provider checks {@code tls_client_auth} certificates against
     */
    public Path trustStore() {
        return trustStore;
    }

    /** @return the provider's HTTPS keystore ({@code server.p12}), issued by the CA for localhost and 127.0.0.1 */
    public Path serverKeyStore() {
        return serverKeyStore;
    }

    /**
     * @param keyStore one of these keystores
     * @return the certificate of its key entry
     */
    public X509Certificate certificate(Path keyStore) {
        try {
            return (X509Certificate) load(keyStore).getCertificate("key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read " + keyStore, e);
        }
    }

    /**
     * @param keyStore one of these keystores
     * @return the public key of its key entry as a JWK set (with the certificate as {@code x5c}), as a
     *     {@code self_signed_tls_client_auth} client registers it ({@code jwks}, RFC 8705 2.2)
     */
    public JWKSet publicJwks(Path keyStore) {
        X509Certificate certificate = certificate(keyStore);
        try {
            List<Base64> chain = List.of(Base64.encode(certificate.getEncoded()));
            // built from the JDK's key, since Nimbus's JWK.parse(X509Certificate) would need BouncyCastle for EC
            JWK key = certificate.getPublicKey() instanceof ECPublicKey ec
                    ? new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).x509CertChain(chain).build()
                    : new RSAKey.Builder((RSAPublicKey) certificate.getPublicKey()).x509CertChain(chain).build();
            return new JWKSet(key);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot read the key of " + keyStore, e);
        }
    }

    /**
     * A TLS context that presents the key entry of {@code keyStore} (none when it is null) and trusts only the CA:
     * for a test's own HTTPS client calling the provider's mutual TLS listener.
     *
     * @param keyStore a client keystore of these, or null for a client without certificate
     * @return the context
     */
    public SSLContext clientContext(Path keyStore) {
        try {
            KeyManagerFactory keys = null;
            if (keyStore != null) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(keyStore), password.toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(trustStore));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a TLS context", e);
        }
    }

    /**
     * The configuration that makes an app a mutual TLS client of a provider of these certificates: its
     * {@code passage.token-endpoint-auth-method}, {@code passage.client-key-store} (and password) and
     * {@code passage.provider-trust-store} (and password), to add to {@link PassageSettings#asMap()}; turn the keys
     * into environment variables with {@link PassageSettings#environmentName(String)}.
     *
     * @param authenticationMethod {@code tls_client_auth} or {@code self_signed_tls_client_auth}
     * @param clientKeyStore       one of {@link #clientKeyStore} or {@link #selfSignedClientKeyStore}
     * @param definitionName       the definition's name ({@code passage.<name>.*} keys), or null for the unnamed one
     * @return the keys and values, in a fixed order
     */
    public Map<String, String> appConfiguration(String authenticationMethod, Path clientKeyStore,
                                                String definitionName) {
        if (!"tls_client_auth".equals(authenticationMethod)
                && !"self_signed_tls_client_auth".equals(authenticationMethod)) {
            throw new IllegalArgumentException("not a mutual TLS method: " + authenticationMethod);
        }
        String prefix = "passage." + (definitionName == null ? "" : definitionName + ".");
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put(prefix + "token-endpoint-auth-method", authenticationMethod);
        configuration.put(prefix + "client-key-store", clientKeyStore.toAbsolutePath().toString());
        configuration.put(prefix + "client-key-store-password", password);
        configuration.put(prefix + "provider-trust-store", trustStore.toString());
        configuration.put(prefix + "provider-trust-store-password", password);
        return configuration;
    }

    private KeyStore load(Path keyStore) {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + keyStore, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read " + keyStore, e);
        }
    }

    /** Runs the JDK's keytool; its output goes to a file, so a full pipe can never stall it past the bound. */
    private void keytool(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        Collections.addAll(command, arguments);
        Path output = directory.resolve("keytool.log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(KEYTOOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + arguments[0] + " took longer than " + KEYTOOL_TIMEOUT);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed: "
                        + Files.readString(output, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while keytool ran", e);
        }
    }
}

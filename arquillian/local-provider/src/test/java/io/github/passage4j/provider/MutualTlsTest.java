package io.github.passage4j.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import io.github.passage4j.testkit.TestCertificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider's mutual TLS listener (RFC 8705): {@code tls_client_auth} and {@code self_signed_tls_client_auth} at
 * the aliases, certificate-bound access tokens at UserInfo, and each way a certificate fails.
 */
class MutualTlsTest {

    /** The registered subject, written with spaces and another case than the certificate, as RFC 4514 allows. */
    private static final String REGISTERED_SUBJECT = "cn=test-client, o=Passage4J Test";
    private static final String SUBJECT = "CN=test-client,O=Passage4J Test";

    @TempDir
    static Path directory;

    static TestCertificates certificates;
    static Path caSigned;
    static Path otherSubject;
    static Path selfSignedWithTheSubject;
    static Path selfSigned;
    static Path otherSelfSigned;
    static LocalPassageProvider provider;
    static TestClient client;

    @BeforeAll
    static void start() {
        certificates = TestCertificates.create(directory);
        caSigned = certificates.clientKeyStore("client", SUBJECT);
        otherSubject = certificates.clientKeyStore("intruder", "CN=intruder,O=Passage4J Test");
        selfSignedWithTheSubject = certificates.selfSignedClientKeyStore("forged", SUBJECT);
        selfSigned = certificates.selfSignedClientKeyStore("self-signed", "CN=test-client");
        otherSelfSigned = certificates.selfSignedClientKeyStore("other-self-signed", "CN=test-client");
        provider = LocalPassageProvider.builder().client(TestClient.CLIENT_ID, TestClient.CLIENT_SECRET)
                .user(TestClient.ALICE)
                .mutualTls(certificates.serverKeyStore(), certificates.trustStore(), certificates.password())
                .build().start();
        client = new TestClient(provider);
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @AfterEach
    void reset() {
        provider.behaviour().reset();
        provider.behaviour().clientCertificateSubject(TestClient.CLIENT_ID, null);
        provider.behaviour().clientJwks(TestClient.CLIENT_ID, null);
        provider.behaviour().clientAuthenticationMethod(TestClient.CLIENT_ID, null);
        provider.resetCounters();
    }

    private static void tlsClientAuth() {
        provider.behaviour().tokenEndpointAuthMethods("client_secret_basic", "tls_client_auth")
                .clientCertificateSubject(TestClient.CLIENT_ID, REGISTERED_SUBJECT);
    }

    private static void selfSignedTlsClientAuth() {
        provider.behaviour().tokenEndpointAuthMethods("client_secret_basic", "self_signed_tls_client_auth")
                .clientJwks(TestClient.CLIENT_ID, certificates.publicJwks(selfSigned));
    }

    /** An HTTPS client that presents the key entry of {@code keyStore} (none when null) and trusts the test CA. */
    private static HttpClient https(Path keyStore) {
        SSLContext context = certificates.clientContext(keyStore);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(HttpClient http, URI uri, Map<String, String> form) throws Exception {
        return send(http, HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(TestClient.form(form))).build());
    }

    private static HttpResponse<String> userinfo(HttpClient http, URI uri, String accessToken) throws Exception {
        return send(http, HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + accessToken).GET().build());
    }

    /** Signs alice in over the plain issuer and redeems the code at the mutual TLS alias with only client_id. */
    private static HttpResponse<String> redeemOverMutualTls(HttpClient http) throws Exception {
        TestClient.Flow flow = client.flow("openid email");
        String code = client.signIn(flow, "user-alice").get("code");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", TestClient.REDIRECT_URI);
        form.put("code_verifier", flow.verifier());
        form.put("client_id", TestClient.CLIENT_ID);
        return post(http, provider.mutualTlsEndpoint(Endpoint.TOKEN), form);
    }

    private static String accessToken(HttpResponse<String> tokenResponse) {
        assertEquals(200, tokenResponse.statusCode(), tokenResponse.body());
        return (String) TestClient.json(tokenResponse).get("access_token");
    }

    @Test
    void discoveryNamesTheAliasesAndLeavesThePlainEndpointsAsTheyAre() throws Exception {
        Map<String, Object> discovery = TestClient.json(client.get(provider.endpoint(Endpoint.DISCOVERY)));
        @SuppressWarnings("unchecked")
        Map<String, Object> aliases = (Map<String, Object>) discovery.get("mtls_endpoint_aliases");
        assertEquals(provider.mutualTlsEndpoint(Endpoint.TOKEN).toString(), aliases.get("token_endpoint"));
        assertEquals(provider.mutualTlsEndpoint(Endpoint.PAR).toString(),
                aliases.get("pushed_authorization_request_endpoint"));
        assertEquals(provider.mutualTlsEndpoint(Endpoint.USERINFO).toString(), aliases.get("userinfo_endpoint"));
        assertEquals(provider.mutualTlsEndpoint(Endpoint.REVOKE).toString(), aliases.get("revocation_endpoint"));
        assertTrue(aliases.get("token_endpoint").toString().startsWith("https://127.0.0.1:"));
        assertEquals(true, discovery.get("tls_client_certificate_bound_access_tokens"));
        assertEquals(provider.endpoint(Endpoint.TOKEN).toString(), discovery.get("token_endpoint"));
        assertTrue(provider.issuer().toString().startsWith("http://"));
    }

    @Test
    void theListenerServesOnlyTheEndpointsThatTakeCertificates() throws Exception {
        URI base = provider.mutualTlsEndpoint(Endpoint.TOKEN);
        HttpResponse<String> discovery = send(https(caSigned), HttpRequest.newBuilder(
                base.resolve(Endpoint.DISCOVERY.path())).timeout(Duration.ofSeconds(10)).GET().build());
        assertEquals(404, discovery.statusCode());
        assertThrows(IllegalArgumentException.class, () -> provider.mutualTlsEndpoint(Endpoint.AUTHORIZE));
    }

    @Test
    void tlsClientAuthIssuesATokenBoundToTheCertificateWhichUserinfoTakesOnlyWithIt() throws Exception {
        tlsClientAuth();
        HttpClient withCertificate = https(caSigned);
        String accessToken = accessToken(redeemOverMutualTls(withCertificate));

        // RFC 8705 3.1: cnf x5t#S256 is the SHA-256 thumbprint of the certificate of the token request
        Map<String, Object> cnf = SignedJWT.parse(accessToken).getJWTClaimsSet().getJSONObjectClaim("cnf");
        assertEquals(CertificateBindings.thumbprint(certificates.certificate(caSigned)), cnf.get("x5t#S256"));
        RecordedRequest recorded = provider.lastRequest(Endpoint.TOKEN).orElseThrow();
        assertEquals(new X500Principal(SUBJECT).getName(), recorded.clientCertificateSubject());

        HttpResponse<String> same = userinfo(withCertificate, provider.mutualTlsEndpoint(Endpoint.USERINFO),
                accessToken);
        assertEquals(200, same.statusCode(), same.body());
        assertEquals("user-alice", TestClient.json(same).get("sub"));
    }

    @Test
    void aBoundTokenAtPlainUserinfoIsRefused() throws Exception {
        tlsClientAuth();
        String accessToken = accessToken(redeemOverMutualTls(https(caSigned)));
        HttpResponse<String> plain = client.get(provider.endpoint(Endpoint.USERINFO), "Bearer " + accessToken);
        assertEquals(401, plain.statusCode());
        assertTrue(plain.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));
        assertNull(provider.lastRequest(Endpoint.USERINFO).orElseThrow().clientCertificateSubject());
    }

    @Test
    void aBoundTokenAtTheAliasWithoutOrWithAnotherCertificateIsRefused() throws Exception {
        tlsClientAuth();
        String accessToken = accessToken(redeemOverMutualTls(https(caSigned)));
        URI alias = provider.mutualTlsEndpoint(Endpoint.USERINFO);
        assertEquals(401, userinfo(https(null), alias, accessToken).statusCode());
        HttpResponse<String> other = userinfo(https(otherSubject), alias, accessToken);
        assertEquals(401, other.statusCode());
        assertTrue(other.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));
    }

    @Test
    void aCertificateOfAnotherSubjectIsRefused() throws Exception {
        tlsClientAuth();
        HttpResponse<String> response = redeemOverMutualTls(https(otherSubject));
        assertEquals(401, response.statusCode());
        assertEquals("invalid_client", TestClient.json(response).get("error"));
        assertTrue(response.body().contains("RFC 8705 2.1.2"), response.body());
    }

    @Test
    void aSelfSignedCertificateNamingTheRegisteredSubjectIsRefusedForTlsClientAuth() throws Exception {
        tlsClientAuth();
        HttpResponse<String> response = redeemOverMutualTls(https(selfSignedWithTheSubject));
        assertEquals(401, response.statusCode());
        assertTrue(response.body().contains("RFC 8705 2.1: the certificate is not issued by a trusted CA"),
                response.body());
    }

    @Test
    void noCertificateAtTheAliasIsRefused() throws Exception {
        tlsClientAuth();
        HttpResponse<String> response = redeemOverMutualTls(https(null));
        assertEquals(401, response.statusCode());
        assertTrue(response.body().contains("no client certificate"), response.body());
        assertNull(provider.lastRequest(Endpoint.TOKEN).orElseThrow().clientCertificateSubject());
    }

    @Test
    void theMutualTlsMethodsAreRefusedOverPlainHttp() throws Exception {
        tlsClientAuth();
        TestClient.Flow flow = client.flow("openid");
        String code = client.signIn(flow, "user-alice").get("code");
        HttpResponse<String> response = client.postToken(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", TestClient.REDIRECT_URI, "code_verifier", flow.verifier(),
                "client_id", TestClient.CLIENT_ID), null);
        assertEquals(401, response.statusCode());
    }

    @Test
    void tlsClientAuthIsRefusedUnlessTheProviderAcceptsIt() throws Exception {
        provider.behaviour().clientCertificateSubject(TestClient.CLIENT_ID, REGISTERED_SUBJECT);
        HttpResponse<String> response = redeemOverMutualTls(https(caSigned));
        assertEquals(401, response.statusCode());
    }

    @Test
    void aSecretStillAuthenticatesAtTheAliasAndTheTokenIsStillBound() throws Exception {
        // RFC 8705 3: binding is by the connection's certificate, whatever authenticated the client
        TestClient.Flow flow = client.flow("openid");
        String code = client.signIn(flow, "user-alice").get("code");
        HttpRequest request = HttpRequest.newBuilder(provider.mutualTlsEndpoint(Endpoint.TOKEN))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", TestClient.basic(TestClient.CLIENT_ID, TestClient.CLIENT_SECRET))
                .POST(HttpRequest.BodyPublishers.ofString(TestClient.form(Map.of("grant_type", "authorization_code",
                        "code", code, "redirect_uri", TestClient.REDIRECT_URI, "code_verifier", flow.verifier()))))
                .build();
        String accessToken = accessToken(send(https(selfSigned), request));
        assertEquals(CertificateBindings.thumbprint(certificates.certificate(selfSigned)),
                SignedJWT.parse(accessToken).getJWTClaimsSet().getJSONObjectClaim("cnf").get("x5t#S256"));
    }

    @Test
    void selfSignedTlsClientAuthMatchesTheCertificatesKeyToTheRegisteredKeys() throws Exception {
        selfSignedTlsClientAuth();
        HttpClient registered = https(selfSigned);
        String accessToken = accessToken(redeemOverMutualTls(registered));
        assertEquals(200, userinfo(registered, provider.mutualTlsEndpoint(Endpoint.USERINFO), accessToken)
                .statusCode());
        assertEquals(new X500Principal("CN=test-client").getName(),
                provider.lastRequest(Endpoint.USERINFO).orElseThrow().clientCertificateSubject());
    }

    @Test
    void aSelfSignedCertificateWhoseKeyIsNotRegisteredIsRefused() throws Exception {
        selfSignedTlsClientAuth();
        HttpResponse<String> response = redeemOverMutualTls(https(otherSelfSigned));
        assertEquals(401, response.statusCode());
        assertTrue(response.body().contains("RFC 8705 2.2"), response.body());
    }

    @Test
    void pushedRequestsAndRevocationTakeTlsClientAuthAtTheirAliases() throws Exception {
        tlsClientAuth();
        HttpClient withCertificate = https(caSigned);
        Map<String, String> pushed = new LinkedHashMap<>();
        pushed.put("client_id", TestClient.CLIENT_ID);
        pushed.put("response_type", "code");
        pushed.put("redirect_uri", TestClient.REDIRECT_URI);
        pushed.put("scope", "openid");
        pushed.put("state", TestClient.random(16));
        pushed.put("nonce", TestClient.random(16));
        pushed.put("code_challenge", TokenEndpoint.s256(TestClient.random(32)));
        pushed.put("code_challenge_method", "S256");
        HttpResponse<String> par = post(withCertificate, provider.mutualTlsEndpoint(Endpoint.PAR), pushed);
        assertEquals(201, par.statusCode(), par.body());
        assertFalse(TestClient.json(par).get("request_uri").toString().isEmpty());

        String accessToken = accessToken(redeemOverMutualTls(withCertificate));
        HttpResponse<String> revoked = post(withCertificate, provider.mutualTlsEndpoint(Endpoint.REVOKE),
                Map.of("token", accessToken, "client_id", TestClient.CLIENT_ID));
        assertEquals(200, revoked.statusCode(), revoked.body());
        assertEquals(401, userinfo(withCertificate, provider.mutualTlsEndpoint(Endpoint.USERINFO), accessToken)
                .statusCode());
    }

    @Test
    void aProviderWithoutTheListenerHasNoAliases() throws Exception {
        try (LocalPassageProvider plain = TestClient.startProvider()) {
            Map<String, Object> discovery = TestClient.json(new TestClient(plain).get(plain.endpoint(
                    Endpoint.DISCOVERY)));
            assertFalse(discovery.containsKey("mtls_endpoint_aliases"));
            assertThrows(IllegalStateException.class, () -> plain.mutualTlsEndpoint(Endpoint.TOKEN));
        }
    }

    @Test
    void aDpopProofAtTheAliasNamesTheAliasAsHtuAndTheTokenIsBoundToBothKeyAndCertificate() throws Exception {
        tlsClientAuth();
        io.github.passage4j.testkit.DpopProofs key = io.github.passage4j.testkit.DpopProofs.generate();
        URI alias = provider.mutualTlsEndpoint(Endpoint.TOKEN);
        HttpClient withCertificate = https(caSigned);
        assertEquals(400, redeemWithProof(withCertificate, key.proof("POST", provider.endpoint(Endpoint.TOKEN), null))
                .statusCode(), "RFC 9449 4.3 step 9: the plain endpoint is not where the proof was sent");
        HttpResponse<String> bound = redeemWithProof(withCertificate, key.proof("POST", alias, null));
        assertEquals(200, bound.statusCode(), bound.body());
        Map<String, Object> cnf = SignedJWT.parse(TestClient.json(bound).get("access_token").toString())
                .getJWTClaimsSet().getJSONObjectClaim("cnf");
        assertEquals(key.thumbprint(), cnf.get("jkt"));
        assertEquals(CertificateBindings.thumbprint(certificates.certificate(caSigned)), cnf.get("x5t#S256"));
    }

    private static HttpResponse<String> redeemWithProof(HttpClient http, String proof) throws Exception {
        TestClient.Flow flow = client.flow("openid");
        String code = client.signIn(flow, "user-alice").get("code");
        HttpRequest request = HttpRequest.newBuilder(provider.mutualTlsEndpoint(Endpoint.TOKEN))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("DPoP", proof)
                .POST(HttpRequest.BodyPublishers.ofString(TestClient.form(Map.of("grant_type", "authorization_code",
                        "code", code, "redirect_uri", TestClient.REDIRECT_URI, "code_verifier", flow.verifier(),
                        "client_id", TestClient.CLIENT_ID))))
                .build();
        return send(http, request);
    }

    @Test
    void aClientRegisteredForAnotherMethodIsRefusedItsCertificate() throws Exception {
        tlsClientAuth();
        provider.behaviour().tokenEndpointAuthMethods("private_key_jwt", "tls_client_auth")
                .clientAuthenticationMethod(TestClient.CLIENT_ID, "private_key_jwt");
        HttpResponse<String> response = redeemOverMutualTls(https(caSigned));
        assertEquals(401, response.statusCode());
        assertTrue(response.body().contains("RFC 7591 2"), response.body());
    }

    @Test
    void aClientRegisteredForSelfSignedIsNotTakenByItsSubject() throws Exception {
        tlsClientAuth();
        provider.behaviour().tokenEndpointAuthMethods("tls_client_auth", "self_signed_tls_client_auth")
                .clientAuthenticationMethod(TestClient.CLIENT_ID, "self_signed_tls_client_auth");
        // the CA-signed certificate has the registered subject, but the client is registered for its key only
        HttpResponse<String> response = redeemOverMutualTls(https(caSigned));
        assertEquals(401, response.statusCode());
        assertTrue(response.body().contains("RFC 8705 2.2"), response.body());
    }
}

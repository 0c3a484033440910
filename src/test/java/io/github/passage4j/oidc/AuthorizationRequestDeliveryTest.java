package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The push as the client authentication strategy sees it: which endpoint, which audience, which form. */
class AuthorizationRequestDeliveryTest {

    private final FakeProvider fake;
    private final ProviderHttp http = new ProviderHttp(Duration.ofSeconds(5), Duration.ofSeconds(5), 512 * 1024);
    private final List<String> pushedTo = new CopyOnWriteArrayList<>();
    private final List<String> pushedBodies = new CopyOnWriteArrayList<>();

    AuthorizationRequestDeliveryTest() throws Exception {
        fake = new FakeProvider();
        for (String path : List.of("/par", "/mtls/par")) {
            fake.on(path, exchange -> {
                pushedTo.add(path);
                pushedBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                FakeProvider.send(exchange, 201, "{\"request_uri\":\"urn:x:1\",\"expires_in\":30}");
            });
        }
    }

    @AfterEach
    void stop() {
        http.close();
        fake.close();
    }

    private ProviderMetadata metadata() {
        URI issuer = URI.create(fake.issuer);
        return new ProviderMetadata(issuer, URI.create(fake.issuer + "/authorize"), URI.create(fake.issuer + "/token"),
                null, URI.create(fake.issuer + "/jwks"), null, null, null, false, null, null,
                URI.create(fake.issuer + "/par"), true, null,
                Map.of("pushed_authorization_request_endpoint", URI.create(fake.issuer + "/mtls/par")), null, false);
    }

    /** A delivery whose client authenticates as {@code protocol} says, through the one chooser of the client. */
    private AuthorizationRequestDelivery delivery(ClientProtocol protocol) {
        ClientSettings plain = TestSupport.settings(fake.issuer);
        ClientSettings settings = new ClientSettings(plain.issuer(), plain.clientId(), null, plain.scope(),
                plain.connectTimeout(), plain.readTimeout(), plain.clockSkew(), null, protocol);
        return new AuthorizationRequestDelivery(settings, http, new ClientAuthentications(settings, TestSupport.CLOCK),
                TestSupport.CLOCK);
    }

    private static Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", TestSupport.CLIENT_ID);
        return parameters;
    }

    @Test
    void theStrategyAuthenticatesThePushForTheParEndpointWithTheIssuerAsAudience() throws Exception {
        ClientProtocol protocol = new ClientProtocol(ClientAuthenticationMethod.PRIVATE_KEY_JWT,
                TestSupport.ecClientKey(), null, true, false, false, null);
        URI redirect = delivery(protocol).redirect(metadata(), parameters());

        assertEquals(List.of("/par"), pushedTo);
        Map<String, String> pushed = TestSupport.decodeForm(pushedBodies.get(0));
        assertEquals("code", pushed.get("response_type"));
        assertEquals(List.of(fake.issuer), com.nimbusds.jwt.SignedJWT.parse(pushed.get("client_assertion"))
                .getJWTClaimsSet().getAudience());
        assertEquals(fake.issuer + "/authorize?client_id=" + TestSupport.CLIENT_ID + "&request_uri=urn%3Ax%3A1",
                redirect.toString());
    }

    @Test
    void withAClientCertificateThePushGoesToTheMtlsAlias() throws Exception {
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, null, null);
        ClientProtocol protocol = new ClientProtocol(ClientAuthenticationMethod.TLS_CLIENT_AUTH, null,
                new ClientCertificate(context), true, false, false, null);
        delivery(protocol).redirect(metadata(), parameters());
        assertEquals(List.of("/mtls/par"), pushedTo);
        assertEquals("response_type=code&client_id=" + TestSupport.CLIENT_ID, pushedBodies.get(0));
    }

    @Test
    void theAssertionNamesTheIssuerAsDiscoverySpellsItNotAsConfigured() throws Exception {
        ClientSettings plain = TestSupport.settings(fake.issuer + "/");
        ClientProtocol protocol = new ClientProtocol(ClientAuthenticationMethod.PRIVATE_KEY_JWT,
                TestSupport.ecClientKey(), null, true, false, true, null);
        ClientSettings settings = new ClientSettings(plain.issuer(), plain.clientId(), null, plain.scope(),
                plain.connectTimeout(), plain.readTimeout(), plain.clockSkew(), null, protocol);
        new AuthorizationRequestDelivery(settings, http, new ClientAuthentications(settings, TestSupport.CLOCK),
                TestSupport.CLOCK).redirect(metadata(), parameters());
        Map<String, String> pushed = TestSupport.decodeForm(pushedBodies.get(0));
        // FAPI 2.0: the audience is the issuer identifier exactly, for the assertion and the request object alike
        assertEquals(List.of(fake.issuer), com.nimbusds.jwt.SignedJWT.parse(pushed.get("client_assertion"))
                .getJWTClaimsSet().getAudience());
        assertEquals(List.of(fake.issuer), com.nimbusds.jwt.SignedJWT.parse(pushed.get("request"))
                .getJWTClaimsSet().getAudience());
    }
}

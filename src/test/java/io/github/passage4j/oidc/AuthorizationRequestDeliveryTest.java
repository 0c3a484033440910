package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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

    /** Records each call and adds a marker parameter, as a private_key_jwt strategy adds its assertion. */
    private static final class RecordingAuthentication implements ClientAuthentication {
        final ClientAuthenticationMethod method;
        final List<List<URI>> calls = new ArrayList<>();

        RecordingAuthentication(ClientAuthenticationMethod method) {
            this.method = method;
        }

        @Override
        public ClientAuthenticationMethod method() {
            return method;
        }

        @Override
        public void authenticate(URI endpoint, URI issuer, Map<String, String> form, Map<String, String> headers) {
            calls.add(List.of(endpoint, issuer));
            form.put("client_assertion", "assertion-for-" + endpoint.getPath());
        }

        /** As MutualTlsAuthentication does: RFC 8705 5, the certificate goes to the alias. */
        @Override
        public URI endpoint(ProviderMetadata metadata, String name, URI advertised) {
            return method.usesCertificate() ? metadata.mtlsAlias(name, advertised) : advertised;
        }
    }

    private ProviderMetadata metadata() {
        URI issuer = URI.create(fake.issuer);
        return new ProviderMetadata(issuer, URI.create(fake.issuer + "/authorize"), URI.create(fake.issuer + "/token"),
                null, URI.create(fake.issuer + "/jwks"), null, null, null, false, null, null,
                URI.create(fake.issuer + "/par"), true, null,
                Map.of("pushed_authorization_request_endpoint", URI.create(fake.issuer + "/mtls/par")), null, false);
    }

    private AuthorizationRequestDelivery delivery(ClientAuthentication authentication) {
        return new AuthorizationRequestDelivery(TestSupport.settings(fake.issuer), http,
                ClientAuthentications.always(authentication),
                TestSupport.CLOCK);
    }

    private static Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", TestSupport.CLIENT_ID);
        return parameters;
    }

    @Test
    void theStrategyAuthenticatesThePushForTheParEndpointAndTheIssuer() throws Exception {
        RecordingAuthentication authentication = new RecordingAuthentication(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
        URI redirect = delivery(authentication).redirect(metadata(), parameters());

        assertEquals(List.of(List.of(URI.create(fake.issuer + "/par"), URI.create(fake.issuer))), authentication.calls);
        assertEquals(List.of("/par"), pushedTo);
        assertEquals("response_type=code&client_id=" + TestSupport.CLIENT_ID
                + "&client_assertion=assertion-for-%2Fpar", pushedBodies.get(0));
        assertEquals(fake.issuer + "/authorize?client_id=" + TestSupport.CLIENT_ID + "&request_uri=urn%3Ax%3A1",
                redirect.toString());
    }

    @Test
    void withAClientCertificateThePushGoesToTheMtlsAlias() throws Exception {
        RecordingAuthentication authentication = new RecordingAuthentication(ClientAuthenticationMethod.TLS_CLIENT_AUTH);
        delivery(authentication).redirect(metadata(), parameters());
        assertEquals(List.of("/mtls/par"), pushedTo);
        assertEquals(URI.create(fake.issuer + "/mtls/par"), authentication.calls.get(0).get(0));
    }
}

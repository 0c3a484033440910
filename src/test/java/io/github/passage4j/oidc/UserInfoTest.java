package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UserInfoTest {

    private final FakeProvider fake;

    UserInfoTest() throws Exception {
        fake = new FakeProvider();
        fake.discoveryDocument.put("userinfo_endpoint", fake.issuer + "/userinfo");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void claimsOfTheSameSubjectAreReturnedAndTheAccessTokenIsSentAsBearer() throws Exception {
        fake.on("/userinfo", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            FakeProvider.send(exchange, "Bearer access-1".equals(authorization) ? 200 : 401,
                    "{\"sub\":\"user-1\",\"email\":\"a@example.com\"}");
        });
        Map<String, Object> claims = TestSupport.provider(fake).fetchUserInfo("access-1", "user-1");
        assertEquals("a@example.com", claims.get("email"));
    }

    @Test
    void aDifferentSubjectIsRejected() {
        fake.on("/userinfo", FakeProvider.json(200, "{\"sub\":\"someone-else\",\"email\":\"x@example.com\"}"));
        ProviderRejectedException rejected = assertThrows(ProviderRejectedException.class,
                () -> TestSupport.provider(fake).fetchUserInfo("access-1", "user-1"));
        assertTrue(rejected.getMessage().contains("5.3.2"), rejected.getMessage());
    }

    @Test
    void aMissingSubjectIsRejected() {
        fake.on("/userinfo", FakeProvider.json(200, "{\"email\":\"x@example.com\"}"));
        assertThrows(ProviderRejectedException.class,
                () -> TestSupport.provider(fake).fetchUserInfo("access-1", "user-1"));
    }

    @Test
    void aRefusedTokenIsARejectionAndAServerErrorIsUnavailability() {
        fake.on("/userinfo", FakeProvider.json(401, "{}"));
        assertThrows(ProviderRejectedException.class,
                () -> TestSupport.provider(fake).fetchUserInfo("access-1", "user-1"));
        fake.on("/userinfo", FakeProvider.json(500, "{}"));
        assertThrows(ProviderUnavailableException.class,
                () -> TestSupport.provider(fake).fetchUserInfo("access-1", "user-1"));
    }

    @Test
    void noUserinfoEndpointMeansNoClaimsAndNoCall() throws Exception {
        fake.discoveryDocument.remove("userinfo_endpoint");
        assertEquals(Map.of(), TestSupport.provider(fake).fetchUserInfo("access-1", "user-1"));
        assertEquals(0, fake.hits("/userinfo"));
    }
}

package io.github.passage4j.ee;

import io.github.passage4j.oidc.ClientSettings;
import io.github.passage4j.oidc.ProviderRejectedException;
import io.github.passage4j.oidc.TokenResponse;
import io.github.passage4j.oidc.ValidatedIdToken;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CallerEstablishmentTest {

    private static CallerEstablishment establishment(String nameClaim, String groupsClaim) {
        ClientSettings client = new ClientSettings(URI.create("https://example.withpassage.com"), "client-1",
                "secret", List.of("openid"), null, null, null, null);
        return new CallerEstablishment(new PassageSettings(client, "/passage/callback", true, nameClaim,
                groupsClaim, "/passage/logout", "/"));
    }

    private static final TokenResponse TOKENS = new TokenResponse("id", "access", null, "Bearer", null, null);

    @Test
    void callerNameComesFromTheConfiguredClaim() throws Exception {
        ValidatedIdToken token = new ValidatedIdToken("id", Map.of("sub", "user-1", "email", "a@example.com"),
                "user-1", Instant.EPOCH);
        assertEquals("a@example.com", establishment("email", "").callerFrom(token, Map.of(), TOKENS).profile().getName());
        assertEquals("user-1", establishment("sub", "").callerFrom(token, Map.of(), TOKENS).profile().getName());
    }

    @Test
    void userInfoAddsClaimsButNeverReplacesSignedOnes() throws Exception {
        ValidatedIdToken token = new ValidatedIdToken("id", Map.of("sub", "user-1", "email", "signed@example.com"),
                "user-1", Instant.EPOCH);
        var profile = establishment("sub", "").callerFrom(token,
                Map.of("sub", "user-1", "email", "unsigned@example.com", "phone_number", "+15555550100"), TOKENS)
                .profile();
        assertEquals("signed@example.com", profile.getEmail().orElseThrow());
        assertEquals("+15555550100", profile.getPhone().orElseThrow());
    }

    @Test
    void aMissingCallerNameClaimRefusesTheSignIn() {
        ValidatedIdToken token = new ValidatedIdToken("id", Map.of("sub", "user-1"), "user-1", Instant.EPOCH);
        assertThrows(ProviderRejectedException.class, () -> establishment("email", "").callerFrom(token, Map.of(), TOKENS));
    }

    @Test
    void groupsFromAFlatClaimOrADottedPath() {
        Map<String, Object> claims = Map.of("groups", List.of("admin", "user"), "single", "ops",
                "realm_access", Map.of("roles", List.of("auditor")));
        assertEquals(Set.of("admin", "user"), establishment("sub", "groups").groups(claims));
        assertEquals(Set.of("ops"), establishment("sub", "single").groups(claims));
        assertEquals(Set.of("auditor"), establishment("sub", "realm_access.roles").groups(claims));
        assertEquals(Set.of(), establishment("sub", "absent.path").groups(claims));
        assertEquals(Set.of(), establishment("sub", "").groups(claims));
    }
}

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
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallerEstablishmentTest {

    private static CallerEstablishment establishment(String nameClaim, String groupsClaim) {
        ClientSettings client = new ClientSettings(URI.create("https://example.withpassage.com"), "client-1",
                "secret", List.of("openid"), null, null, null, null);
        return new CallerEstablishment(new PassageSettings(client, "/passage/callback", true, nameClaim,
                groupsClaim, "/passage/logout", "/", null, java.time.Duration.ofSeconds(10), true, null, Set.of("client-1"),
                PassageSettings.PASSAGE_ELEMENT_TOKEN_ISSUER_BASE));
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
    void howAndWhenTheUserAuthenticatedComesFromTheIdTokenOnlyNeverFromUserinfo() throws Exception {
        ValidatedIdToken token = new ValidatedIdToken("id", Map.of("sub", "user-1"), "user-1", Instant.EPOCH);
        var profile = establishment("sub", "").callerFrom(token, Map.of("sub", "user-1", "acr", "urn:example:mfa",
                "amr", java.util.List.of("hwk"), "auth_time", 1L, "sid", "s-1", "nickname", "u1"), TOKENS).profile();
        assertTrue(profile.getAcr().isEmpty(), "an unsigned acr would pass for a step-up");
        assertTrue(profile.getAmr().isEmpty());
        assertTrue(profile.getAuthTime().isEmpty());
        assertTrue(profile.getSid().isEmpty());
        assertEquals("u1", profile.getClaim("nickname").orElseThrow(), "the user's own claims still come");
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

    @Test
    void groupsOfIdentityStoresAreAddedToTheClaimsAndSeeTheCaller() throws Exception {
        ClientSettings client = new ClientSettings(URI.create("https://example.withpassage.com"), "client-1",
                "secret", List.of("openid"), null, null, null, null);
        PassageSettings settings = new PassageSettings(client, "/passage/callback", true, "sub", "groups",
                "/passage/logout", "/", null, java.time.Duration.ofSeconds(10), true, null, Set.of("client-1"),
                PassageSettings.PASSAGE_ELEMENT_TOKEN_ISSUER_BASE);
        CallerEstablishment establishment = new CallerEstablishment(settings,
                (caller, claimGroups) -> caller.getName().equals("user-1") && claimGroups.contains("user")
                        ? Set.of("admin") : Set.of(), java.time.Clock.systemUTC());
        ValidatedIdToken token = new ValidatedIdToken("raw", Map.of("sub", "user-1", "groups", List.of("user"),
                "sid", "session-1"), "user-1", Instant.now().plusSeconds(60));
        SignedInCaller caller = establishment.callerFrom(token, Map.of(), TOKENS);
        assertEquals(Set.of("user", "admin"), caller.groups());
        assertEquals("session-1", caller.sessionId());
        assertEquals(Set.of("admin"), establishment.bearerCaller(new io.github.passage4j.oidc.ValidatedAccessToken(
                "user-1", "https://example.withpassage.com", List.of("client-1"), Instant.now().plusSeconds(60),
                Map.of("sub", "user-1", "groups", List.of("user")))).groups().stream()
                .filter("admin"::equals).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void aRefreshReplacesTheIdTokenClaimsKeepsUserinfoAndTheRefreshTokenWhenNoneCameBack() throws Exception {
        Instant exp = Instant.now().plusSeconds(60);
        ValidatedIdToken first = new ValidatedIdToken("raw-1", Map.of("sub", "user-1", "email", "old@example.com"),
                "user-1", exp);
        SignedInCaller caller = establishment("sub", "").callerFrom(first, Map.of("nickname", "u1"),
                new TokenResponse("raw-1", "access-1", "refresh-1", "Bearer", exp, null));
        ValidatedIdToken second = new ValidatedIdToken("raw-2", Map.of("sub", "user-1", "email", "new@example.com"),
                "user-1", exp.plusSeconds(60));
        SignedInCaller refreshed = establishment("sub", "").refreshed(caller, second,
                new TokenResponse("raw-2", "access-2", null, "Bearer", exp.plusSeconds(60), null));
        assertEquals("new@example.com", refreshed.profile().getEmail().orElseThrow());
        assertEquals("u1", refreshed.profile().getClaim("nickname").orElseThrow());
        assertEquals("access-2", refreshed.tokens().getAccessToken());
        assertEquals("raw-2", refreshed.tokens().getIdToken());
        assertEquals("refresh-1", refreshed.tokens().getRefreshToken().orElseThrow(), "kept: none came back");
        assertEquals(caller.signedInAt(), refreshed.signedInAt());
        SignedInCaller rotated = establishment("sub", "").refreshed(refreshed, null,
                new TokenResponse(null, "access-3", "refresh-2", "Bearer", exp.plusSeconds(120), null));
        assertEquals("refresh-2", rotated.tokens().getRefreshToken().orElseThrow(), "a rotated token replaces it");
        assertEquals("raw-2", rotated.tokens().getIdToken(), "no new ID token: the last one stays");
        assertEquals(exp.plusSeconds(120), rotated.tokensExpireAt());
    }
}

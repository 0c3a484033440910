package io.github.passage4j.oidc;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The end-session request's parameters (RP-Initiated Logout 1.0 section 2) and the rule that keeps the ID token off
 * plain http to a host that is not a loopback one.
 */
class EndSessionRequestTest {

    private static final String ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl";
    private static final URI AFTER = URI.create("https://app.example/app/");

    private final RecordingLogger log = new RecordingLogger();

    private EndSessionRequest request(String endpoint) {
        return EndSessionRequest.of(URI.create(endpoint), ID_TOKEN, "client-1", AFTER, "state-1", log);
    }

    @Test
    void overHttpsEveryParameterInOrder() {
        EndSessionRequest request = request("https://op.example/logout");
        assertEquals(List.of("id_token_hint", "client_id", "post_logout_redirect_uri", "state"),
                List.copyOf(request.parameters().keySet()));
        assertEquals(ID_TOKEN, request.parameters().get("id_token_hint"));
        assertEquals("client-1", request.parameters().get("client_id"));
        assertEquals(AFTER.toString(), request.parameters().get("post_logout_redirect_uri"));
        assertTrue(log.entries.isEmpty());
    }

    @Test
    void plainHttpToAnotherHostLeavesTheHintOutKeepsClientIdAndSaysSoWithoutTheToken() {
        EndSessionRequest request = request("http://op.example/logout");
        assertFalse(request.parameters().containsKey("id_token_hint"), "the token would travel in the clear");
        assertEquals("client-1", request.parameters().get("client_id"), "RP-Initiated Logout 1.0 section 2");
        assertEquals(AFTER.toString(), request.parameters().get("post_logout_redirect_uri"));
        List<String> debug = log.at(System.Logger.Level.DEBUG);
        assertEquals(1, debug.size(), log.entries.toString());
        assertTrue(debug.get(0).contains("id_token_hint left out"), debug.get(0));
        assertTrue(debug.get(0).contains("http://op.example"), debug.get(0));
        assertFalse(debug.get(0).contains(ID_TOKEN));
        assertFalse(request.asQueryUrl().toString().contains(ID_TOKEN));
    }

    @Test
    void plainHttpToALoopbackHostKeepsTheHint() {
        for (String endpoint : List.of("http://localhost:8080/logout", "http://127.0.0.1/logout",
                "http://[::1]:9000/logout")) {
            assertEquals(ID_TOKEN, request(endpoint).parameters().get("id_token_hint"), endpoint);
        }
        assertTrue(log.entries.isEmpty());
    }

    @Test
    void hostsThatOnlyLookLikeLoopbackAreNotLoopback() {
        for (String endpoint : List.of("http://localhost.attacker.example/logout", "http://127.0.0.1.nip.io/logout",
                "http://10.0.0.1/logout", "ftp://op.example/logout")) {
            assertFalse(request(endpoint).parameters().containsKey("id_token_hint"), endpoint);
            assertTrue(EndSessionRequest.carriesTokensInTheClear(URI.create(endpoint)), endpoint);
        }
        assertFalse(EndSessionRequest.carriesTokensInTheClear(URI.create("HTTPS://op.example/logout")));
    }

    @Test
    void theQueryUrlKeepsAnExistingQueryAndEncodesEveryValue() {
        URI url = EndSessionRequest.of(URI.create("https://op.example/logout?tenant=a"), null, "client 1",
                URI.create("https://app.example/after?x=1&y=2"), null, log).asQueryUrl();
        assertEquals("https://op.example/logout?tenant=a&client_id=client%201"
                + "&post_logout_redirect_uri=https%3A%2F%2Fapp.example%2Fafter%3Fx%3D1%26y%3D2", url.toString());
    }

    @Test
    void withoutAHintOrStateOnlyWhatIsKnownIsSent() {
        EndSessionRequest request = EndSessionRequest.of(URI.create("https://op.example/logout"), null, "client-1",
                null, null, log);
        assertEquals(Map.of("client_id", "client-1"), request.parameters());
    }

    @Test
    void theParametersAreImmutableAndToStringShowsNoToken() {
        EndSessionRequest request = request("https://op.example/logout");
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
                () -> request.parameters().put("id_token_hint", "other"));
        assertFalse(request.toString().contains(ID_TOKEN), request.toString());
    }

    @Test
    void theMethodSettingNamesPostAndGetOnly() {
        assertEquals(EndSessionMethod.POST, EndSessionMethod.ofSettingValue(" POST ").orElseThrow());
        assertEquals(EndSessionMethod.GET, EndSessionMethod.ofSettingValue("get").orElseThrow());
        assertTrue(EndSessionMethod.ofSettingValue("auto").isEmpty());
        assertTrue(EndSessionMethod.ofSettingValue("redirect").isEmpty());
    }
}

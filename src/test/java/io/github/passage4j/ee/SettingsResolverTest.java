package io.github.passage4j.ee;

import io.github.passage4j.PassageAuthenticationDefinition;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsResolverTest {

    @PassageAuthenticationDefinition(issuer = "https://example.withpassage.com/", clientId = "app-client",
            clientSecret = "${secrets.passage}")
    static class Annotated {
    }

    @PassageAuthenticationDefinition
    static class Empty {
    }

    private final Map<String, String> config = new HashMap<>();

    private PassageSettings resolve(Class<?> type) throws InvalidSettingsException {
        ConfigSource source = key -> Optional.ofNullable(config.get(key));
        SettingsResolver resolver = new SettingsResolver(source,
                expression -> expression.equals("${secrets.passage}") ? "from-expression" : "unexpected");
        return resolver.resolve(type.getAnnotation(PassageAuthenticationDefinition.class));
    }

    @Test
    void annotationValuesAndDefaults() throws Exception {
        PassageSettings settings = resolve(Annotated.class);
        assertEquals(URI.create("https://example.withpassage.com/"), settings.client().issuer());
        assertEquals("app-client", settings.client().clientId());
        assertEquals("from-expression", settings.client().clientSecret());
        assertEquals(List.of("openid", "email", "phone"), settings.client().scope());
        assertEquals(PassageAuthenticationDefinition.DEFAULT_CALLBACK_PATH, settings.redirectUri());
        assertEquals("sub", settings.callerNameClaim());
        assertEquals("", settings.callerGroupsClaim());
        assertTrue(settings.redirectToOriginalResource());
        assertEquals(Duration.ofSeconds(60), settings.client().clockSkew());
        assertEquals(Duration.ofMillis(3000), settings.client().connectTimeout());
        assertEquals(Duration.ofMillis(5000), settings.client().readTimeout());
    }

    @Test
    void configurationWinsOverTheAnnotation() throws Exception {
        config.put("passage.issuer", "http://127.0.0.1:9000");
        config.put("passage.client-secret", "from-config");
        config.put("passage.scope", "email, profile");
        config.put("passage.redirect-uri", "https://app.example.com/cb");
        config.put("passage.redirect-to-original-resource", "false");
        config.put("passage.caller-groups-claim", "realm_access.roles");
        config.put("passage.read-timeout", "1500");
        PassageSettings settings = resolve(Annotated.class);
        assertEquals(URI.create("http://127.0.0.1:9000"), settings.client().issuer());
        assertEquals("from-config", settings.client().clientSecret());
        assertEquals(List.of("openid", "email", "profile"), settings.client().scope());
        assertEquals("https://app.example.com/cb", settings.redirectUri());
        assertFalse(settings.redirectToOriginalResource());
        assertEquals("realm_access.roles", settings.callerGroupsClaim());
        assertEquals(Duration.ofMillis(1500), settings.client().readTimeout());
    }

    @PassageAuthenticationDefinition(issuer = "https://example.withpassage.com/", clientId = "app-client",
            clientSecret = "s", idTokenSigningAlg = "ES256", accessTokenSigningAlgs = {"RS256", "PS256"})
    static class OtherAlgorithms {
    }

    @Test
    void signingAlgorithmsArePinnedToRs256ByDefault() throws Exception {
        PassageSettings settings = resolve(Annotated.class);
        // OIDC Core 3.1.3.7 step 7: only the registered alg, for ID tokens and logout tokens alike
        assertEquals(java.util.Set.of("RS256"), settings.client().allowedSigningAlgorithms());
        assertEquals(java.util.Set.of("RS256"), settings.accessTokenSigningAlgorithms());
    }

    @Test
    void signingAlgorithmsFromTheAnnotationAndFromConfiguration() throws Exception {
        PassageSettings annotated = resolve(OtherAlgorithms.class);
        assertEquals(java.util.Set.of("ES256"), annotated.client().allowedSigningAlgorithms());
        assertEquals(java.util.Set.of("RS256", "PS256"), annotated.accessTokenSigningAlgorithms());
        config.put("passage.id-token-signing-alg", "PS256");
        config.put("passage.access-token-signing-algs", "ES256, ES384");
        PassageSettings configured = resolve(OtherAlgorithms.class);
        assertEquals(java.util.Set.of("PS256"), configured.client().allowedSigningAlgorithms());
        assertEquals(java.util.Set.of("ES256", "ES384"), configured.accessTokenSigningAlgorithms());
    }

    @Test
    void unsupportedSigningAlgorithmsFailTheDeploymentNamingTheSetting() {
        config.put("passage.id-token-signing-alg", "none");
        config.put("passage.access-token-signing-algs", "RS256,HS256,EdDSA");
        String message = assertThrows(InvalidSettingsException.class, () -> resolve(Annotated.class)).getMessage();
        assertTrue(message.contains("'idTokenSigningAlg' (config key passage.id-token-signing-alg; environment variable PASSAGE_ID_TOKEN_SIGNING_ALG) must be one of"),
                message);
        assertTrue(message.contains("'accessTokenSigningAlgs' (config key passage.access-token-signing-algs; environment variable PASSAGE_ACCESS_TOKEN_SIGNING_ALGS): 'HS256'"),
                message);
        assertTrue(message.contains("'EdDSA' is not one of"), message);
        config.put("passage.id-token-signing-alg", "RS256");
        config.put("passage.access-token-signing-algs", " , ");
        message = assertThrows(InvalidSettingsException.class, () -> resolve(Annotated.class)).getMessage();
        assertTrue(message.contains("passage.access-token-signing-algs; environment variable PASSAGE_ACCESS_TOKEN_SIGNING_ALGS) must name at least one algorithm"), message);
    }

    @Test
    void missingRequiredValuesAreAllNamedWithTheirKeys() {
        InvalidSettingsException failure = assertThrows(InvalidSettingsException.class, () -> resolve(Empty.class));
        String message = failure.getMessage();
        assertTrue(message.contains("'issuer' (config key passage.issuer; environment variable PASSAGE_ISSUER) is required"), message);
        assertTrue(message.contains("'clientId' (config key passage.client-id; environment variable PASSAGE_CLIENT_ID) is required"), message);
        assertTrue(message.contains("'clientSecret' (config key passage.client-secret; environment variable PASSAGE_CLIENT_SECRET) is required"), message);
    }

    @Test
    void plainHttpIssuerIsRefusedUnlessLoopback() {
        config.put("passage.issuer", "http://example.withpassage.com");
        InvalidSettingsException failure = assertThrows(InvalidSettingsException.class,
                () -> resolve(Annotated.class));
        assertTrue(failure.getMessage().contains("passage.issuer"), failure.getMessage());
        assertTrue(failure.getMessage().contains("https"), failure.getMessage());
    }

    @Test
    void plainHttpEndSessionEndpointOnAHostThatOnlyLooksLikeLoopbackIsRefused() {
        for (String endpoint : List.of("http://127.evil.example/logout", "http://localhost.evil.example/logout",
                "http://127.0.0.1.nip.io/logout", "http://0x7f.0.0.1/logout", "http://127.1/logout")) {
            config.put("passage.end-session-endpoint", endpoint);
            String message = assertThrows(InvalidSettingsException.class, () -> resolve(Annotated.class),
                    endpoint).getMessage();
            assertTrue(message.contains("'endSessionEndpoint' (config key passage.end-session-endpoint; environment variable PASSAGE_END_SESSION_ENDPOINT) must be an "
                    + "absolute https URL (http only for a loopback host)"), message);
        }
    }

    @Test
    void plainHttpIssuerOnAHostThatOnlyLooksLikeLoopbackIsRefused() {
        config.put("passage.issuer", "http://127.evil.example");
        String message = assertThrows(InvalidSettingsException.class, () -> resolve(Annotated.class)).getMessage();
        assertTrue(message.contains("passage.issuer; environment variable PASSAGE_ISSUER) must use https"), message);
    }

    @Test
    void malformedValuesNameTheirKeys() {
        config.put("passage.issuer", "not a url");
        config.put("passage.connect-timeout", "soon");
        config.put("passage.redirect-to-original-resource", "maybe");
        config.put("passage.logout-path", "logout");
        String message = assertThrows(InvalidSettingsException.class, () -> resolve(Annotated.class)).getMessage();
        assertTrue(message.contains("passage.issuer"), message);
        assertTrue(message.contains("passage.connect-timeout"), message);
        assertTrue(message.contains("passage.redirect-to-original-resource"), message);
        assertTrue(message.contains("passage.logout-path"), message);
    }

    @Test
    void aFailingExpressionIsReportedWithoutItsValue() {
        ConfigSource none = key -> Optional.empty();
        SettingsResolver resolver = new SettingsResolver(none, expression -> {
            throw new IllegalStateException("boom");
        });
        String message = assertThrows(InvalidSettingsException.class,
                () -> resolver.resolve(Annotated.class.getAnnotation(PassageAuthenticationDefinition.class)))
                .getMessage();
        assertTrue(message.contains("passage.client-secret"), message);
        assertTrue(message.contains("${secrets.passage}"), message);
    }

    @Test
    void configKeysAreKebabCase() {
        assertEquals("passage.client-secret", SettingsResolver.configKey("clientSecret"));
        assertEquals("passage.redirect-uri", SettingsResolver.configKey("redirectURI"));
        assertEquals("passage.post-logout-redirect-uri", SettingsResolver.configKey("postLogoutRedirectURI"));
        assertEquals("passage.redirect-to-original-resource",
                SettingsResolver.configKey("redirectToOriginalResource"));
    }

    @PassageAuthenticationDefinition(issuer = "https://example.withpassage.com", clientId = "app-client",
            clientSecret = "${secrets.passage}", appId = "app_123", endSessionEndpoint = "https://example.withpassage.com/logout",
            tokenMinValidity = 30, endSessionAtTokenExpiry = false)
    static class SessionAndRest {
    }

    @Test
    void sessionAndRestDefaults() throws Exception {
        PassageSettings settings = resolve(Annotated.class);
        assertEquals(Duration.ofSeconds(10), settings.tokenMinValidity());
        assertTrue(settings.endSessionAtTokenExpiry());
        assertEquals(null, settings.endSessionEndpoint());
        assertEquals(null, settings.appId());
        assertEquals(java.util.Set.of("app-client"), settings.bearerAudiences());
        assertEquals(URI.create("https://auth.passage.id"), settings.elementTokenIssuerBase());
    }

    @Test
    void sessionAndRestFromTheAnnotation() throws Exception {
        PassageSettings settings = resolve(SessionAndRest.class);
        assertEquals(Duration.ofSeconds(30), settings.tokenMinValidity());
        assertFalse(settings.endSessionAtTokenExpiry());
        assertEquals(URI.create("https://example.withpassage.com/logout"), settings.endSessionEndpoint());
        assertEquals("app_123", settings.appId());
        assertEquals(java.util.Set.of("app-client", "app_123"), settings.bearerAudiences(),
                "the client id and the app id by default");
    }

    @Test
    void sessionAndRestFromConfiguration() throws Exception {
        config.put("passage.token-min-validity", "0");
        config.put("passage.end-session-at-token-expiry", "false");
        config.put("passage.end-session-endpoint", "http://127.0.0.1:9000/logout");
        config.put("passage.app-id", "other-app");
        config.put("passage.bearer-audiences", "api-1, api-2");
        config.put("passage.element-token-issuer-base", "http://127.0.0.1:9000");
        PassageSettings settings = resolve(Annotated.class);
        assertEquals(Duration.ZERO, settings.tokenMinValidity());
        assertFalse(settings.endSessionAtTokenExpiry());
        assertEquals(URI.create("http://127.0.0.1:9000/logout"), settings.endSessionEndpoint());
        assertEquals("other-app", settings.appId());
        assertEquals(java.util.Set.of("api-1", "api-2"), settings.bearerAudiences());
        assertEquals(URI.create("http://127.0.0.1:9000"), settings.elementTokenIssuerBase());
        assertEquals(URI.create("http://127.0.0.1:9000/v1/apps/other-app"),
                BearerAuthentication.elementTokenSettings(settings).issuer());
        assertEquals(URI.create("http://127.0.0.1:9000/v1/apps/other-app/.well-known/jwks.json"),
                BearerAuthentication.elementTokenSettings(settings).jwksUri());
    }

    @Test
    void malformedSessionAndRestValuesAreNamedWithTheirKeys() {
        config.put("passage.token-min-validity", "-1");
        config.put("passage.end-session-at-token-expiry", "sometimes");
        config.put("passage.end-session-endpoint", "http://example.com/logout");
        config.put("passage.app-id", "app/../x");
        config.put("passage.element-token-issuer-base", "ftp://example.com");
        String message = assertThrows(InvalidSettingsException.class, () -> resolve(Annotated.class)).getMessage();
        assertTrue(message.contains("'tokenMinValidity' (config key passage.token-min-validity; environment variable PASSAGE_TOKEN_MIN_VALIDITY) must be at least 0"),
                message);
        assertTrue(message.contains("'endSessionAtTokenExpiry' (config key passage.end-session-at-token-expiry; environment variable PASSAGE_END_SESSION_AT_TOKEN_EXPIRY)"),
                message);
        assertTrue(message.contains("'endSessionEndpoint' (config key passage.end-session-endpoint; environment variable PASSAGE_END_SESSION_ENDPOINT) must be an "
                + "absolute https URL"), message);
        assertTrue(message.contains("'appId' (config key passage.app-id; environment variable PASSAGE_APP_ID)"), message);
        assertTrue(message.contains("passage.element-token-issuer-base must be"), message);
    }

    @PassageAuthenticationDefinition(issuer = "https://a.withpassage.com", clientId = "a", clientSecret = "${secrets.passage}")
    @PassageAuthenticationDefinition(name = "second")
    static class TwoDefinitions {
    }

    @PassageAuthenticationDefinition(name = "Bad_Name")
    static class BadName {
    }

    private List<PassageSettings> resolveAll(Class<?> type) throws InvalidSettingsException {
        ConfigSource source = key -> Optional.ofNullable(config.get(key));
        SettingsResolver resolver = new SettingsResolver(source,
                expression -> expression.equals("${secrets.passage}") ? "from-expression" : "unexpected");
        List<PassageSettings> all = new java.util.ArrayList<>();
        for (PassageAuthenticationDefinition definition : type.getAnnotationsByType(PassageAuthenticationDefinition.class)) {
            all.add(resolver.resolve(definition));
        }
        return all;
    }

    @Test
    void namedDefinitionsReadTheirOwnKeysAndGetTheirOwnDefaultPaths() throws Exception {
        config.put("passage.second.issuer", "https://b.withpassage.com");
        config.put("passage.second.client-id", "b");
        config.put("passage.second.client-secret", "b-secret");
        config.put("passage.second.caller-groups-claim", "roles");
        config.put("passage.client-id", "a-from-config");
        List<PassageSettings> all = resolveAll(TwoDefinitions.class);
        PassageSettings unnamed = all.get(0);
        PassageSettings second = all.get(1);
        assertEquals("", unnamed.name());
        assertEquals("a-from-config", unnamed.client().clientId(), "the unnamed definition keeps passage.*");
        assertEquals("/passage/callback", unnamed.redirectUri());
        assertEquals("/passage/backchannel-logout", unnamed.backChannelLogoutPath());
        assertEquals("", unnamed.callerGroupsClaim(), "passage.second.* is not the unnamed definition's");
        assertEquals("second", second.name());
        assertEquals(URI.create("https://b.withpassage.com"), second.client().issuer());
        assertEquals("b", second.client().clientId());
        assertEquals("b-secret", second.client().clientSecret());
        assertEquals("roles", second.callerGroupsClaim());
        assertEquals("/passage/callback/second", second.redirectUri());
        assertEquals("/passage/backchannel-logout/second", second.backChannelLogoutPath());
        assertEquals("passage.second.client-secret", SettingsResolver.configKey("second", "clientSecret"));
        assertEquals("passage.second.redirect-uri", SettingsResolver.configKey("second", "redirectURI"));

        Definitions definitions = Definitions.of(all);
        assertTrue(definitions.defaultDefinition() == unnamed, "the unnamed definition is the default");
        assertEquals("b", definitions.named("second").orElseThrow().client().clientId());
    }

    @Test
    void aNamedDefinitionsProblemsNameItsKeys() {
        InvalidSettingsException invalid = assertThrows(InvalidSettingsException.class,
                () -> resolveAll(TwoDefinitions.class));
        assertTrue(invalid.getMessage().contains("definition 'second': 'issuer' (config key passage.second.issuer; environment variable PASSAGE_SECOND_ISSUER)"),
                invalid.getMessage());
    }

    @Test
    void aNameMustBeLowerCaseLettersDigitsAndDashes() {
        InvalidSettingsException invalid = assertThrows(InvalidSettingsException.class, () -> resolveAll(BadName.class));
        assertTrue(invalid.getMessage().contains("Bad_Name"), invalid.getMessage());
    }

    @Test
    void duplicateNamesAndCallbackPathsAreRefusedNamingBoth() throws Exception {
        config.put("passage.x.issuer", "https://x.withpassage.com");
        config.put("passage.x.client-id", "x");
        config.put("passage.x.client-secret", "x-secret");
        PassageSettings x = resolveAll(Named.class).get(0);
        InvalidSettingsException sameName = assertThrows(InvalidSettingsException.class,
                () -> Definitions.of(List.of(x, x)));
        assertTrue(sameName.getMessage().contains("two @PassageAuthenticationDefinitions are named 'x'"),
                sameName.getMessage());

        config.put("passage.y.issuer", "https://y.withpassage.com");
        config.put("passage.y.client-id", "y");
        config.put("passage.y.client-secret", "y-secret");
        config.put("passage.y.redirect-uri", "/passage/callback/x");
        PassageSettings y = resolveAll(NamedY.class).get(0);
        InvalidSettingsException samePath = assertThrows(InvalidSettingsException.class,
                () -> Definitions.of(List.of(x, y)));
        assertTrue(samePath.getMessage().contains("definition 'x' and definition 'y' have the same callback path "
                + "/passage/callback/x"), samePath.getMessage());
    }

    @Test
    void withoutAnUnnamedDefinitionTheFirstNameIsTheDefault() throws Exception {
        for (String name : new String[] {"x", "y"}) {
            config.put("passage." + name + ".issuer", "https://" + name + ".withpassage.com");
            config.put("passage." + name + ".client-id", name);
            config.put("passage." + name + ".client-secret", name + "-secret");
        }
        PassageSettings x = resolveAll(Named.class).get(0);
        PassageSettings y = resolveAll(NamedY.class).get(0);
        assertEquals("x", Definitions.of(List.of(y, x)).defaultDefinition().name());
    }

    @PassageAuthenticationDefinition(name = "x")
    static class Named {
    }

    @PassageAuthenticationDefinition(name = "y")
    static class NamedY {
    }

    @Test
    void sessionsDefaultToTheHttpSessionWithAnInMemoryListOfEndedSessions() throws Exception {
        SessionSettings session = resolve(Annotated.class).session();
        assertFalse(session.stateless());
        assertEquals("", session.endedSessionsCache());
        assertEquals(Duration.ofHours(12), session.maxAge());
    }

    @Test
    void statelessSessionsNeedValidCookieKeysAndNameTheKeyWhenNot() throws Exception {
        config.put("passage.stateless", "true");
        String message = assertThrows(InvalidSettingsException.class, () -> resolve(Annotated.class)).getMessage();
        assertTrue(message.contains("'cookieEncryptionKeys' (config key passage.cookie-encryption-keys; environment variable PASSAGE_COOKIE_ENCRYPTION_KEYS) is required "
                + "when 'stateless' (config key passage.stateless; environment variable PASSAGE_STATELESS) is true"), message);

        config.put("passage.cookie-encryption-keys", "c2hvcnQ");
        message = assertThrows(InvalidSettingsException.class, () -> resolve(Annotated.class)).getMessage();
        assertTrue(message.contains("passage.cookie-encryption-keys; environment variable PASSAGE_COOKIE_ENCRYPTION_KEYS): key 1 has 5 bytes"), message);
        assertFalse(message.contains("c2hvcnQ"), "the key itself is never shown");

        String key = SealedCookieCodecTest.newKey();
        config.put("passage.cookie-encryption-keys", key + ", " + SealedCookieCodecTest.newKey());
        config.put("passage.ended-sessions-cache", "passage-ended-sessions");
        config.put("passage.session-max-age", "3600");
        SessionSettings session = resolve(Annotated.class).session();
        assertTrue(session.stateless());
        assertEquals(CookieKeys.parse(key).currentId(), session.cookieKeys().currentId(), "the first key encrypts");
        assertEquals("passage-ended-sessions", session.endedSessionsCache());
        assertEquals(Duration.ofHours(1), session.maxAge());
        assertFalse(session.toString().contains(key));
    }

    @Test
    void theEndedSessionsCacheTimeoutIsTwoSecondsUnlessConfigured() throws Exception {
        assertEquals(Duration.ofSeconds(2), resolve(Annotated.class).session().endedSessionsCacheTimeout());
        config.put("passage.ended-sessions-cache-timeout", "500");
        assertEquals(Duration.ofMillis(500), resolve(Annotated.class).session().endedSessionsCacheTimeout());
        config.put("passage.ended-sessions-cache-timeout", "0");
        String message = assertThrows(InvalidSettingsException.class, () -> resolve(Annotated.class)).getMessage();
        assertTrue(message.contains("'endedSessionsCacheTimeout' (config key passage.ended-sessions-cache-timeout; environment variable PASSAGE_ENDED_SESSIONS_CACHE_TIMEOUT) "
                + "must be at least 1"), message);
    }

    @Test
    void aTooShortSessionMaxAgeIsRefused() {
        config.put("passage.session-max-age", "10");
        String message = assertThrows(InvalidSettingsException.class, () -> resolve(Annotated.class)).getMessage();
        assertTrue(message.contains("'sessionMaxAge' (config key passage.session-max-age; environment variable PASSAGE_SESSION_MAX_AGE) must be at least 60"),
                message);
    }

    @Test
    void theBaseUrlIsAnHttpsOriginWithAnOptionalPathOrHttpOnLoopback() throws Exception {
        assertNull(resolve(Annotated.class).session().baseUrl(), "default: taken from each request");
        config.put("passage.base-url", "https://app.example.com/shop");
        assertEquals(URI.create("https://app.example.com/shop"), resolve(Annotated.class).session().baseUrl());
        config.put("passage.base-url", "http://127.0.0.1:8080");
        assertEquals(URI.create("http://127.0.0.1:8080"), resolve(Annotated.class).session().baseUrl());

        for (String bad : new String[] {"http://app.example.com", "/shop", "app.example.com",
            "https://app.example.com?x=1", "https://app.example.com/#top", "https://user@app.example.com",
            "ftp://app.example.com", "https://", "ht tp://x"}) {
            config.put("passage.base-url", bad);
            String message = assertThrows(InvalidSettingsException.class, () -> resolve(Annotated.class), bad)
                    .getMessage();
            assertTrue(message.contains("'baseUrl' (config key passage.base-url; environment variable PASSAGE_BASE_URL)"), bad + ": " + message);
        }
    }

    // ------------------------------------------------------------------ protocol settings and the FAPI 2.0 profile

    @PassageAuthenticationDefinition(issuer = "https://example.withpassage.com/", clientId = "app-client",
            securityProfile = "fapi-2.0")
    static class Fapi2 {
    }

    @PassageAuthenticationDefinition(issuer = "https://example.withpassage.com/", clientId = "app-client",
            clientKey = "{\"kty\":\"EC\"}")
    static class KeyInSource {
    }

    private static String ecKey() throws Exception {
        return new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).generate()
                .toJSONString();
    }

    private static String rsaKey() throws Exception {
        return new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).generate().toJSONString();
    }

    @Test
    void theDefaultProtocolIsPassagesOwn() throws Exception {
        assertEquals(io.github.passage4j.oidc.ClientProtocol.DEFAULT, resolve(Annotated.class).client().protocol());
    }

    @Test
    void aClientKeyReplacesTheSecretAndAKeyWrittenInSourceIsRefused() throws Exception {
        config.put("passage.client-key", ecKey());
        config.put("passage.client-secret", "");
        PassageSettings settings = resolve(KeyedOnly.class);
        assertNull(settings.client().clientSecret());
        assertEquals("ES256", settings.client().protocol().clientKey().algorithm().getName());
        config.clear();
        String message = assertThrows(InvalidSettingsException.class, () -> resolve(KeyInSource.class)).getMessage();
        assertTrue(message.contains("'clientKey' (config key passage.client-key; environment variable PASSAGE_CLIENT_KEY) must be given as configuration"),
                message);
    }

    @PassageAuthenticationDefinition(issuer = "https://example.withpassage.com/", clientId = "app-client")
    static class KeyedOnly {
    }

    @Test
    void aSecretMethodStillNeedsTheSecretAndUnknownMethodsAreNamed() throws Exception {
        config.put("passage.client-key", ecKey());
        config.put("passage.token-endpoint-auth-method", "client_secret_post");
        String message = assertThrows(InvalidSettingsException.class, () -> resolve(KeyedOnly.class)).getMessage();
        assertTrue(message.contains("'clientSecret' (config key passage.client-secret; environment variable PASSAGE_CLIENT_SECRET) is required"), message);
        config.put("passage.token-endpoint-auth-method", "client_secret_magic");
        message = assertThrows(InvalidSettingsException.class, () -> resolve(KeyedOnly.class)).getMessage();
        assertTrue(message.contains("passage.token-endpoint-auth-method; environment variable PASSAGE_TOKEN_ENDPOINT_AUTH_METHOD) must be one of"), message);
        config.put("passage.token-endpoint-auth-method", "private_key_jwt");
        config.put("passage.token-endpoint-auth-signing-alg", "HS256");
        message = assertThrows(InvalidSettingsException.class, () -> resolve(KeyedOnly.class)).getMessage();
        assertTrue(message.contains("passage.token-endpoint-auth-signing-alg; environment variable PASSAGE_TOKEN_ENDPOINT_AUTH_SIGNING_ALG) must be RS256, PS256 or ES256"),
                message);
    }

    @Test
    void fapi2NeedsAKeyAndNamesWhatIsMissing() {
        String message = assertThrows(InvalidSettingsException.class, () -> resolve(Fapi2.class)).getMessage();
        assertTrue(message.contains("the FAPI 2.0 profile ('securityProfile' (config key passage.security-profile; environment variable PASSAGE_SECURITY_PROFILE)) "
                + "needs private_key_jwt or mutual TLS"), message);
    }

    @Test
    void fapi2TurnsOnPushedRequestsDpopPrivateKeyJwtAndPs256() throws Exception {
        config.put("passage.client-key", rsaKey());
        PassageSettings settings = resolve(Fapi2.class);
        io.github.passage4j.oidc.ClientProtocol protocol = settings.client().protocol();
        assertEquals(io.github.passage4j.oidc.SecurityProfile.FAPI_2_0, protocol.profile());
        assertEquals(io.github.passage4j.oidc.ClientAuthenticationMethod.PRIVATE_KEY_JWT,
                protocol.authenticationMethod());
        assertTrue(protocol.pushedAuthorizationRequests());
        assertTrue(protocol.dpop());
        assertEquals("PS256", protocol.clientKey().algorithm().getName());
        assertEquals(java.util.Set.of("PS256"), settings.client().allowedSigningAlgorithms());
        assertEquals(java.util.Set.of("PS256", "ES256"), settings.accessTokenSigningAlgorithms());
    }

    @Test
    void fapi2RefusesWhatItForbidsNamingEachSetting() throws Exception {
        config.put("passage.client-key", rsaKey());
        config.put("passage.client-secret", "s3cret-from-config");
        config.put("passage.token-endpoint-auth-method", "client_secret_basic");
        config.put("passage.token-endpoint-auth-signing-alg", "RS256");
        config.put("passage.id-token-signing-alg", "RS256");
        config.put("passage.access-token-signing-algs", "ES256,RS256");
        config.put("passage.pushed-authorization-requests", "false");
        config.put("passage.dpop", "false");
        String message = assertThrows(InvalidSettingsException.class, () -> resolve(Fapi2.class)).getMessage();
        for (String expected : new String[] {
            "passage.token-endpoint-auth-method; environment variable PASSAGE_TOKEN_ENDPOINT_AUTH_METHOD) must be private_key_jwt, tls_client_auth or "
                    + "self_signed_tls_client_auth under the FAPI 2.0 profile",
            "passage.id-token-signing-alg; environment variable PASSAGE_ID_TOKEN_SIGNING_ALG) must be PS256 or ES256 under the FAPI 2.0 profile",
            "passage.access-token-signing-algs; environment variable PASSAGE_ACCESS_TOKEN_SIGNING_ALGS): 'RS256' is not allowed under the FAPI 2.0 profile",
            "passage.pushed-authorization-requests; environment variable PASSAGE_PUSHED_AUTHORIZATION_REQUESTS) must be true under the FAPI 2.0 profile",
            "passage.dpop; environment variable PASSAGE_DPOP) must be true under the FAPI 2.0 profile"}) {
            assertTrue(message.contains(expected), expected + " in " + message);
        }
        config.put("passage.token-endpoint-auth-method", "private_key_jwt");
        message = assertThrows(InvalidSettingsException.class, () -> resolve(Fapi2.class)).getMessage();
        assertTrue(message.contains("passage.token-endpoint-auth-signing-alg; environment variable PASSAGE_TOKEN_ENDPOINT_AUTH_SIGNING_ALG) must be PS256 or ES256"), message);
    }

    @Test
    void anUnknownProfileIsNamed() {
        config.put("passage.security-profile", "fapi-1.0");
        String message = assertThrows(InvalidSettingsException.class, () -> resolve(Annotated.class)).getMessage();
        assertTrue(message.contains("passage.security-profile; environment variable PASSAGE_SECURITY_PROFILE) must be openid-connect or fapi-2.0"), message);
    }

    @Test
    void theAssertionAudienceIsTheIssuerUnlessConfiguredAndNeverTheEndpointUnderFapi2() throws Exception {
        config.put("passage.client-key", ecKey());
        config.put("passage.client-secret", "");
        assertEquals(io.github.passage4j.oidc.ClientAssertionAudience.ISSUER,
                resolve(KeyedOnly.class).client().protocol().assertionAudience());
        config.put("passage.client-assertion-audience", "endpoint");
        assertEquals(io.github.passage4j.oidc.ClientAssertionAudience.ENDPOINT,
                resolve(KeyedOnly.class).client().protocol().assertionAudience());
        String message = assertThrows(InvalidSettingsException.class, () -> resolve(Fapi2.class)).getMessage();
        assertTrue(message.contains("passage.client-assertion-audience; environment variable PASSAGE_CLIENT_ASSERTION_AUDIENCE) must be issuer under the FAPI 2.0 profile"),
                message);
        config.put("passage.client-assertion-audience", "token-endpoint");
        message = assertThrows(InvalidSettingsException.class, () -> resolve(KeyedOnly.class)).getMessage();
        assertTrue(message.contains("passage.client-assertion-audience; environment variable PASSAGE_CLIENT_ASSERTION_AUDIENCE) must be issuer or endpoint"), message);
    }

    @Test
    void clientSecretJwtNeedsASecretLongEnoughForHs256() {
        config.put("passage.token-endpoint-auth-method", "client_secret_jwt");
        config.put("passage.client-secret", "only-31-bytes-of-secret-0123456");
        String message = assertThrows(InvalidSettingsException.class, () -> resolve(KeyedOnly.class)).getMessage();
        assertTrue(message.contains("passage.client-secret; environment variable PASSAGE_CLIENT_SECRET) must be at least 32 bytes long for client_secret_jwt"),
                message);
        config.put("passage.client-secret", "exactly-32-bytes-of-secret-01234");
        assertDoesNotThrow(() -> resolve(KeyedOnly.class));
    }

    @Test
    void mutualTlsNeedsTheKeystoreWithTheCertificate() throws Exception {
        config.put("passage.token-endpoint-auth-method", "tls_client_auth");
        config.put("passage.client-key", ecKey());
        String message = assertThrows(InvalidSettingsException.class, () -> resolve(KeyedOnly.class)).getMessage();
        assertTrue(message.contains("passage.client-key-store; environment variable PASSAGE_CLIENT_KEY_STORE) is required for tls_client_auth"), message);
        config.put("passage.security-profile", "fapi-2.0");
        message = assertThrows(InvalidSettingsException.class, () -> resolve(KeyedOnly.class)).getMessage();
        assertTrue(message.contains("passage.client-key-store; environment variable PASSAGE_CLIENT_KEY_STORE) is required for tls_client_auth"), message);
    }
}

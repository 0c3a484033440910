package io.github.passage4j.examples.hello;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Interoperability with a provider nobody here wrote: the example app, unchanged, signs in at a real Keycloak acting
 * as a FAPI 2.0 provider, in a real browser. The realm ({@code src/test/keycloak/passage-fapi-realm.json}, which is
 * also the README's Keycloak registration) requires pushed authorization requests, {@code private_key_jwt} with
 * the key Keycloak fetches from the app's {@code /passage/jwks}, PKCE S256, DPoP-bound access tokens (the code bound
 * to the DPoP key by {@code dpop_jkt}) and ES256, under Keycloak's FAPI 2.0 DPoP client profile. The app is
 * configured only by environment variables, as an operator would.
 *
 * <p>Runs under the example's Maven profile {@code keycloak} only (it boots Keycloak, about a minute):
 * {@code mvn verify -Pkeycloak -Dit.test=KeycloakFapiSignInIT -Dfailsafe.failIfNoSpecifiedTests=false}.
 */
class KeycloakFapiSignInIT {

    private static final String REALM = "passage-fapi";
    private static final String CLIENT_ID = "hello-passage";

    @RegisterExtension
    @Order(1)
    static final HeadlessChromium CHROMIUM = new HeadlessChromium();

    private static KeycloakServer keycloak;
    private static PayaraMicroApp app;
    private static ChromeDriver browser;
    private static String alicePassword;
    private static Path appLog;
    private static ECKey clientKey;

    @BeforeAll
    static void start() throws Exception {
        Path target = Path.of("target");
        Path logs = Files.createDirectories(target.resolve("it"));
        // the app's port first: the realm names the app's redirect URI and JWKS URL
        int appPort = PayaraMicroApp.freePort();
        String appBase = "http://127.0.0.1:" + appPort;
        alicePassword = randomPassword();
        keycloak = KeycloakServer.start(Path.of(System.getProperty("keycloak.home", "target/keycloak")),
                Path.of("src/test/keycloak/passage-fapi-realm.json"), REALM,
                Map.of("@APP_BASE@", appBase, "@ALICE_PASSWORD@", alicePassword),
                logs.resolve("keycloak.log"), Duration.ofMinutes(4));

        appLog = logs.resolve("payara-micro-keycloak.log");
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PASSAGE_ISSUER", keycloak.issuer().toString());
        environment.put("PASSAGE_CLIENT_ID", CLIENT_ID);
        environment.put("PASSAGE_SECURITY_PROFILE", "fapi-2.0");
        clientKey = new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
        environment.put("PASSAGE_CLIENT_KEY", clientKey.toJSONString());
        environment.put("PASSAGE_ID_TOKEN_SIGNING_ALG", "ES256");
        app = PayaraMicroApp.start(target.resolve("payara-micro.jar"), target.resolve("hello-passage.war"),
                Path.of("src/demo/payara-preboot.asadmin"), environment,
                appLog, appPort);
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() throws Exception {
        HeadlessChromium.stopAll(browser, app, keycloak);
    }

    @Test
    void aFapi2SignInAndSignOutAtKeycloak() throws Exception {
        URI appBase = app.base();
        // the realm is strict: an authorization request that was not pushed is refused, with an error sent back to
        // the redirect URI (so the sign-in below proves the library's pushed request, not a lenient realm)
        String callback = appBase.resolve("/passage/callback").toString();
        HttpResponse<Void> unpushed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                keycloak.issuer() + "/protocol/openid-connect/auth?client_id=" + CLIENT_ID
                        + "&response_type=code&scope=openid&redirect_uri="
                        + URLEncoder.encode(callback, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.discarding());
        String refusal = unpushed.headers().firstValue("Location").orElse("");
        assertEquals(302, unpushed.statusCode(), refusal);
        assertTrue(refusal.startsWith(callback + "?") && queryNames(URI.create(refusal)).contains("error")
                && refusal.contains("error=invalid_request"), refusal);

        // the redirect a sign-in starts with, seen without a browser (Keycloak's login page is at another URL):
        // RFC 9126 4: it carries a reference to the pushed request, nothing of the request itself
        HttpResponse<Void> signIn = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                appBase.resolve("/passage/signin?return=%2Fprofile")).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(302, signIn.statusCode());
        URI authorization = URI.create(signIn.headers().firstValue("Location").orElseThrow());
        assertTrue(authorization.toString().startsWith(keycloak.issuer() + "/protocol/openid-connect/auth?"),
                authorization.toString());
        assertEquals(Set.of("client_id", "request_uri"), queryNames(authorization), authorization.toString());

        // and its FAPI 2.0 client policy is in force: a pushed request that is right in everything but binds the
        // code to no DPoP key is refused (its dpop-bind-enforcer checks when the browser brings the request_uri);
        // the same request with dpop_jkt is sent on to the login page
        HttpResponse<Void> unbound = authorizePushed(push(callback, false));
        String unboundRefusal = unbound.headers().firstValue("Location").orElse("");
        assertEquals(302, unbound.statusCode(), unboundRefusal);
        assertTrue(unboundRefusal.startsWith(callback + "?") && unboundRefusal.contains("error=invalid_request"),
                unboundRefusal);
        HttpResponse<Void> bound = authorizePushed(push(callback, true));
        String toLogin = bound.headers().firstValue("Location").orElse("");
        assertEquals(302, bound.statusCode(), toLogin);
        assertTrue(toLogin.startsWith(keycloak.issuer() + "/login-actions/authenticate?"), toLogin);

        browser.get(appBase.toString());
        HeadlessChromium.waiting(browser).until(ExpectedConditions.titleIs("Hello Passage"));
        browser.findElement(By.xpath("//button[normalize-space()='Sign in with Passage']")).click();

        By username = By.id("username");
        HeadlessChromium.waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(username));
        assertTrue(browser.getCurrentUrl().startsWith(keycloak.issuer().toString()), browser.getCurrentUrl());
        HeadlessChromium.screenshot(browser, "keycloak-01-login");
        browser.findElement(username).sendKeys("alice");
        browser.findElement(By.id("password")).sendKeys(alicePassword);
        browser.findElement(By.id("kc-login")).click();

        // FAPI 2.0 in Keycloak asks the user's consent (its consent-required executor)
        By accept = By.cssSelector("input[name='accept'], button[name='accept']");
        HeadlessChromium.waiting(browser).until(ExpectedConditions.elementToBeClickable(accept));
        HeadlessChromium.screenshot(browser, "keycloak-02-consent");
        browser.findElement(accept).click();

        HeadlessChromium.waiting(browser).until(ExpectedConditions.urlToBe(appBase.resolve("/profile").toString()));
        String json = browser.findElement(By.tagName("pre")).getText();
        assertTrue(json.contains("\"email\":\"alice@example.com\""), json);
        assertTrue(json.contains("\"preferred_username\":\"alice\""), json);
        assertTrue(json.contains("\"iss\":\"" + keycloak.issuer() + "\""), json);
        HeadlessChromium.screenshot(browser, "keycloak-03-profile-json");

        browser.get(appBase.toString());
        HeadlessChromium.waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("claims")));
        assertEquals("alice@example.com", browser.findElement(By.id("signed-in-as")).getText());
        browser.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
        // /logout posts the browser on to Keycloak's end-session endpoint (id_token_hint, client_id,
        // post_logout_redirect_uri, state), which ends the Keycloak session and sends the browser back to /
        HeadlessChromium.waiting(browser).until(driver -> {
            URI at = URI.create(driver.getCurrentUrl());
            return appBase.getAuthority().equals(at.getAuthority()) && "/".equals(at.getPath())
                    && !driver.findElements(By.id("sign-in")).isEmpty();
        });
        assertTrue(queryNames(URI.create(browser.getCurrentUrl())).contains("state"), browser.getCurrentUrl());
        HeadlessChromium.screenshot(browser, "keycloak-04-signed-out");
        // Keycloak also told the app by back-channel logout (a logout token, validated by the library)
        awaitInLog(appLog, "Passage4J: back-channel logout of a provider session", Duration.ofSeconds(15));
        assertTrue(!Files.readString(appLog).contains("back-channel logout refused"), "see " + appLog);

        // signed out at Keycloak too: a new sign-in asks for the password again
        browser.get(appBase.resolve("/profile").toString());
        HeadlessChromium.waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(username));
        assertTrue(browser.getCurrentUrl().startsWith(keycloak.issuer().toString()), browser.getCurrentUrl());
    }

    /**
     * A pushed authorization request as a FAPI 2.0 client sends it (PKCE S256, state, nonce, {@code private_key_jwt}
     * signed with the app's key, the issuer as audience), with or without {@code dpop_jkt}.
     */
    private static HttpResponse<String> push(String redirectUri, boolean bindToDpopKey) throws Exception {
        Instant now = Instant.now();
        SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(clientKey.getKeyID())
                .build(), new JWTClaimsSet.Builder().issuer(CLIENT_ID).subject(CLIENT_ID)
                .audience(keycloak.issuer().toString()).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60))).build());
        assertion.sign(new ECDSASigner(clientKey));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", CLIENT_ID);
        form.put("response_type", "code");
        form.put("scope", "openid");
        form.put("redirect_uri", redirectUri);
        form.put("state", randomPassword());
        form.put("nonce", randomPassword());
        form.put("code_challenge", Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest
                .getInstance("SHA-256").digest(randomPassword().getBytes(StandardCharsets.US_ASCII))));
        form.put("code_challenge_method", "S256");
        if (bindToDpopKey) {
            form.put("dpop_jkt", new ECKeyGenerator(Curve.P_256).generate().computeThumbprint().toString());
        }
        form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        form.put("client_assertion", assertion.serialize());
        String body = form.entrySet().stream().map(field -> field.getKey() + "="
                + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(keycloak.issuer()
                        + "/protocol/openid-connect/ext/par/request"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The browser's step after a push: the authorization endpoint with {@code client_id} and the request_uri. */
    private static HttpResponse<Void> authorizePushed(HttpResponse<String> pushed) throws Exception {
        assertEquals(201, pushed.statusCode(), pushed.body());
        Matcher requestUri = Pattern.compile("\"request_uri\"\\s*:\\s*\"([^\"]+)\"").matcher(pushed.body());
        assertTrue(requestUri.find(), pushed.body());
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(keycloak.issuer()
                + "/protocol/openid-connect/auth?client_id=" + CLIENT_ID + "&request_uri="
                + URLEncoder.encode(requestUri.group(1), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static void awaitInLog(Path log, String line, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!Files.readString(log).contains(line)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("'" + line + "' not in " + log + " within " + timeout);
            }
            Thread.sleep(200);
        }
    }

    private static Set<String> queryNames(URI uri) {
        String query = uri.getRawQuery();
        if (query == null || query.isEmpty()) {
            return Set.of();
        }
        return Arrays.stream(query.split("&")).map(pair -> pair.split("=", 2)[0]).collect(Collectors.toSet());
    }

    private static String randomPassword() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}

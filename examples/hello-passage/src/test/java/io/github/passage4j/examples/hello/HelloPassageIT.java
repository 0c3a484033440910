package io.github.passage4j.examples.hello;

import io.github.passage4j.provider.LocalPassageProvider;
import io.github.passage4j.provider.LoginPage;
import io.github.passage4j.provider.PassageUser;
import io.github.passage4j.provider.TokenFlaw;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built {@code hello-passage.war}, unchanged, on Payara Micro at context root {@code /}, configured through
 * {@code PASSAGE_*} environment variables, signed into by a cookie-keeping client that follows the redirects and
 * fills in the local provider's login page as a browser would.
 */
class HelloPassageIT {

    private static LocalPassageProvider provider;
    private static PayaraMicroApp app;

    @BeforeAll
    static void startProviderAndApp() throws Exception {
        provider = LocalPassageProvider.builder()
                .client("hello-passage", "example-test-secret")
                .user(PassageUser.builder().sub("user-alice").email("alice@example.com").emailVerified(true)
                        .phone("+15555550100").phoneVerified(true).build())
                .user(PassageUser.builder().sub("user-bob").email("bob@example.com").emailVerified(true).build())
                .build()
                .start();
        Path target = Path.of("target");
        app = PayaraMicroApp.start(target.resolve("payara-micro.jar"), target.resolve("hello-passage.war"),
                Path.of("src/demo/payara-preboot.asadmin"),
                Map.of("PASSAGE_ISSUER", provider.issuer().toString(),
                        "PASSAGE_CLIENT_ID", "hello-passage",
                        "PASSAGE_CLIENT_SECRET", "example-test-secret",
                        "HELLO_ADMIN_EMAILS", "alice@example.com"),
                Files.createDirectories(target.resolve("it")).resolve("payara-micro.log"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    private final HttpClient browser = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private HttpResponse<String> get(URI uri, String accept) throws Exception {
        return browser.send(HttpRequest.newBuilder(uri).header("Accept", accept).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> follow(HttpResponse<String> response) throws Exception {
        HttpResponse<String> current = response;
        for (int i = 0; i < 10 && current.statusCode() / 100 == 3; i++) {
            current = get(current.uri().resolve(current.headers().firstValue("Location").orElseThrow()), "text/html");
        }
        return current;
    }

    /** Posts the page's form, as the page's script does in a browser. */
    private HttpResponse<String> submitForm(HttpResponse<String> page) throws Exception {
        Matcher form = Pattern.compile("<form[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>", Pattern.DOTALL)
                .matcher(page.body());
        assertTrue(form.find(), page.body());
        StringJoiner fields = new StringJoiner("&");
        Matcher input = Pattern.compile("<input[^>]*name=\"([^\"]*)\"[^>]*value=\"([^\"]*)\"")
                .matcher(form.group(2));
        while (input.find()) {
            fields.add(input.group(1) + "=" + URLEncoder.encode(unescape(input.group(2)), StandardCharsets.UTF_8));
        }
        URI action = page.uri().resolve(unescape(form.group(1)));
        assertTrue(action.toString().startsWith(provider.issuer() + "/logout"), action.toString());
        return browser.send(HttpRequest.newBuilder(action).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(fields.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    @Test
    void signInShowsTheProfileAsJsonThenSignOut() throws Exception {
        HttpResponse<String> home = get(app.base(), "text/html");
        assertEquals(200, home.statusCode());
        assertTrue(home.body().contains("Sign in with Passage"), home.body());

        HttpResponse<String> challenge = get(app.base().resolve("/profile"), "text/html");
        assertEquals(302, challenge.statusCode());
        URI authorize = URI.create(challenge.headers().firstValue("Location").orElseThrow());
        assertTrue(authorize.toString().startsWith(provider.issuer() + "/authorize?"), authorize.toString());
        assertTrue(authorize.getRawQuery().contains("redirect_uri=" + URLEncoder.encode(
                app.base().resolve("/passage/callback").toString(), StandardCharsets.UTF_8)),
                "the app at / uses /passage/callback: " + authorize);

        URI callback = LoginPage.open(authorize).signInAs("user-alice");
        HttpResponse<String> profile = follow(get(callback, "text/html"));
        assertEquals(200, profile.statusCode(), profile.body());
        assertEquals(app.base().resolve("/profile"), profile.uri());
        assertTrue(profile.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        String json = profile.body();
        for (String expected : new String[] {"\"sub\":\"user-alice\"", "\"email\":\"alice@example.com\"",
                "\"email_verified\":true", "\"phone\":\"+15555550100\"", "\"phone_number_verified\":true",
                "\"iss\":\"" + provider.issuer() + "\"", "\"aud\":\"hello-passage\"", "\"client_id\":\"hello-passage\"",
                "\"auth_time\":", "\"iat\":", "\"exp\":", "\"at_hash\":"}) {
            assertTrue(json.contains(expected), expected + " in " + json);
        }

        HttpResponse<String> signedInHome = get(app.base(), "text/html");
        assertTrue(signedInHome.body().contains("alice@example.com"), signedInHome.body());

        HttpResponse<String> logoutPage = get(app.base().resolve("/logout"), "text/html");
        assertEquals(200, logoutPage.statusCode(), "a self-submitting form to the provider's end-session endpoint");
        HttpResponse<String> loggedOut = follow(submitForm(logoutPage));
        assertEquals(200, loggedOut.statusCode());
        assertEquals(app.base().getPath(), loggedOut.uri().getPath(), "back on the app's start page");
        assertTrue(loggedOut.uri().getQuery().startsWith("state="), "with the state of the logout request");
        assertTrue(loggedOut.body().contains("Sign in with Passage"), loggedOut.body());
        assertEquals(302, get(app.base().resolve("/profile"), "text/html").statusCode(), "signed out");
    }

    @Test
    void anonymousJsonRequestGets401() throws Exception {
        HttpResponse<String> response = get(app.base().resolve("/profile"), "application/json");
        assertEquals(401, response.statusCode());
    }

    private HttpResponse<String> signIn(String path, String user) throws Exception {
        HttpResponse<String> challenge = get(app.base().resolve(path), "text/html");
        assertEquals(302, challenge.statusCode());
        URI callback = LoginPage.open(URI.create(challenge.headers().firstValue("Location").orElseThrow()))
                .signInAs(user);
        return follow(get(callback, "text/html"));
    }

    private static HttpResponse<String> withBearer(URI uri, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).header("Accept", "application/json")
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theApiServesSignedInBrowsersAndBearerTokensAlike() throws Exception {
        assertEquals(200, signIn("/profile", "user-alice").statusCode());
        HttpResponse<String> me = get(app.base().resolve("/api/me"), "application/json");
        assertEquals(200, me.statusCode(), me.body());
        assertTrue(me.body().contains("\"email\":\"alice@example.com\""), me.body());
        assertEquals(200, get(app.base().resolve("/api/admin"), "application/json").statusCode(),
                "alice is listed in HELLO_ADMIN_EMAILS");

        HttpResponse<String> bearer = withBearer(app.base().resolve("/api/me"),
                provider.accessToken("user-bob", "hello-passage", TokenFlaw.NONE));
        assertEquals(200, bearer.statusCode(), bearer.body());
        assertTrue(bearer.body().contains("\"sub\":\"user-bob\""), bearer.body());
        assertTrue(bearer.headers().allValues("Set-Cookie").isEmpty(), "no session for an API call");

        HttpResponse<String> expired = withBearer(app.base().resolve("/api/me"),
                provider.accessToken("user-bob", "hello-passage", TokenFlaw.EXPIRED));
        assertEquals(401, expired.statusCode());
        assertTrue(expired.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""));
    }

    @Test
    void nonAdminsGet403FromTheAdminApi() throws Exception {
        assertEquals(200, signIn("/profile", "user-bob").statusCode());
        assertEquals(403, get(app.base().resolve("/api/admin"), "application/json").statusCode());
    }

    @Test
    void aBackChannelLogoutEndsTheSession() throws Exception {
        HttpResponse<String> profile = signIn("/profile", "user-alice");
        Matcher sid = Pattern.compile("\"sid\":\"([^\"]+)\"").matcher(profile.body());
        assertTrue(sid.find(), profile.body());
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        app.base().resolve("/passage/backchannel-logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + URLEncoder.encode(
                        provider.logoutToken("user-alice", sid.group(1)), StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(302, get(app.base().resolve("/profile"), "text/html").statusCode(), "signed out");
    }
}

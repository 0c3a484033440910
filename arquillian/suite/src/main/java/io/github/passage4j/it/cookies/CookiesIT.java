package io.github.passage4j.it.cookies;

import io.github.passage4j.it.Deployments;
import io.github.passage4j.it.WebXml;
import io.github.passage4j.it.support.HomeServlet;
import io.github.passage4j.it.support.TestProvider;
import io.github.passage4j.provider.LocalPassageProvider;
import io.github.passage4j.provider.LoginPage;
import io.github.passage4j.testkit.PassageBrowser;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cookies of stateless sessions as a browser gets them: over plain http (loopback) with their plain names, scoped
 * to the context path; behind a "proxy" ({@code passage.base-url} an https URL while the test talks plain http to
 * the server) {@code Secure} with {@code __Host-} names and {@code Path=/}, as is the container's session cookie, and
 * the redirect URI made from the base URL; and a session too large for its cookies answered with an error page
 * instead of a sign-in loop.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CookiesIT {

    private static final String PLAIN = "plain";
    private static final String PROXIED = "proxied";
    /** The external URL of the proxied app: https, on a host the test never reaches. */
    private static final String EXTERNAL_BASE = "https://app.example.test/shop";
    private static final WebXml WEB_XML = WebXml.protecting("/protected");

    @Deployment(name = PLAIN, testable = false)
    static WebArchive plain() {
        return war("cookies-plain", Map.of());
    }

    @Deployment(name = PROXIED, testable = false)
    static WebArchive proxied() {
        return war("cookies-proxied", Map.of("passage.base-url", EXTERNAL_BASE));
    }

    private static WebArchive war(String name, Map<String, String> config) {
        TestProvider.get();
        WebArchive war = Deployments.war(name)
                .addClasses(CookiesDefinition.class, ProtectedServlet.class, SessionServlet.class, HomeServlet.class)
                .setWebXML(WEB_XML.asset())
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
        Map<String, String> all = new java.util.LinkedHashMap<>(config);
        all.put("passage.stateless", "true");
        all.put("passage.cookie-encryption-keys", newKey());
        return Deployments.withConfig(war, all);
    }

    /** A random 256-bit key of this run only, base64url. */
    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    private final LocalPassageProvider provider = TestProvider.get();

    @BeforeEach
    @AfterEach
    void resetProvider() {
        provider.behaviour().reset();
    }

    @Test
    void overPlainHttpTheCookiesKeepTheirNamesAndTheContextPath(@ArquillianResource @OperateOnDeployment(PLAIN)
                                                                URL injected) {
        URI base = Deployments.base(injected, "cookies-plain");
        PassageBrowser browser = new PassageBrowser();
        HttpResponse<String> challenge = browser.get(URI.create(base + "protected"));
        String signIn = setCookie(challenge, "passage_signin_");
        assertFalse(signIn.toLowerCase(Locale.ROOT).contains("secure"), "a browser drops Secure over http: " + signIn);
        assertTrue(signIn.contains("; Path=/cookies-plain;"), signIn);

        HttpResponse<String> page = browser.signIn(URI.create(base + "protected"), TestProvider.ALICE);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(browser.cookie(URI.create(base.toString()), "passage_session").isPresent(),
                "the session cookie under its plain name");
    }

    @Test
    void behindATlsProxyTheCookiesAreSecureHostCookiesAndTheRedirectUriIsExternal(
            @ArquillianResource @OperateOnDeployment(PROXIED) URL injected) {
        URI base = Deployments.base(injected, "cookies-proxied");
        PassageBrowser browser = new PassageBrowser();
        HttpResponse<String> challenge = browser.get(URI.create(base + "protected"));
        assertEquals(302, challenge.statusCode(), challenge.body());
        String signIn = setCookie(challenge, "__Host-passage_signin.");
        assertTrue(signIn.contains("; Secure"), signIn);
        assertTrue(signIn.contains("; Path=/;"), "__Host- needs Path=/: " + signIn);
        assertFalse(signIn.toLowerCase(Locale.ROOT).contains("domain="), "__Host- is host-only: " + signIn);
        assertEquals(EXTERNAL_BASE + "/passage/callback",
                query(PassageBrowser.location(challenge)).get("redirect_uri"), "the base URL's redirect URI");

        HttpResponse<String> session = browser.get(URI.create(base + "session"));
        String container = setCookie(session, "JSESSIONID=");
        assertTrue(container.toLowerCase(Locale.ROOT).contains("secure"), "the container's cookie: " + container);
    }

    /**
     * The whole sign-in through the "proxy": this test carries the browser's cookies itself, as a browser on the
     * https site would (it sends Secure cookies there), and maps the external URLs the app answers with back to the
     * server. So the server reads back its {@code __Host-} cookies, and every URL it sends the browser to is external.
     */
    @Test
    void behindATlsProxyTheSignInCompletesWithTheHostCookies(@ArquillianResource @OperateOnDeployment(PROXIED)
                                                             URL injected) throws Exception {
        URI base = Deployments.base(injected, "cookies-proxied");
        String internal = base.toString().substring(0, base.toString().length() - 1);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        Map<String, String> jar = new java.util.LinkedHashMap<>();
        HttpResponse<String> challenge = viaProxy(client, URI.create(internal + "/protected"), jar);
        assertEquals(302, challenge.statusCode(), challenge.body());
        URI callback = LoginPage.open(PassageBrowser.location(challenge)).signInAs(TestProvider.ALICE);
        assertTrue(callback.toString().startsWith(EXTERNAL_BASE + "/passage/callback?"), callback.toString());

        HttpResponse<String> back = viaProxy(client, toInternal(callback, internal), jar);
        assertEquals(302, back.statusCode(), back.body());
        String location = back.headers().firstValue("Location").orElseThrow();
        assertEquals(EXTERNAL_BASE + "/protected", location, "the page first asked for, at the external URL");
        assertTrue(jar.keySet().stream().anyMatch(name -> name.startsWith("__Host-passage_session.")),
                jar.keySet().toString());
        HttpResponse<String> page = viaProxy(client, toInternal(URI.create(location), internal), jar);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("remoteUser=" + TestProvider.ALICE), page.body());
    }

    private static URI toInternal(URI external, String internal) {
        assertTrue(external.toString().startsWith(EXTERNAL_BASE + "/"), external.toString());
        return URI.create(internal + external.toString().substring(EXTERNAL_BASE.length()));
    }

    /** One GET with the jar's cookies, as from the https site; its Set-Cookie headers go into the jar. */
    private static HttpResponse<String> viaProxy(HttpClient client, URI uri, Map<String, String> jar)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/html")
                .header("Sec-Fetch-Site", "none");
        if (!jar.isEmpty()) {
            request.header("Cookie", jar.entrySet().stream().map(each -> each.getKey() + "=" + each.getValue())
                    .collect(java.util.stream.Collectors.joining("; ")));
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            String name = pair.substring(0, pair.indexOf('='));
            if (header.contains("Max-Age=0") || header.contains("Expires=Thu, 01 Jan 1970")) {
                jar.remove(name);
            } else {
                jar.put(name, pair.substring(pair.indexOf('=') + 1));
            }
        }
        return response;
    }

    @Test
    void aSessionTooLargeForItsCookiesIsAnErrorPageNotASignInLoop(@ArquillianResource @OperateOnDeployment(PLAIN)
                                                                  URL injected) {
        URI base = Deployments.base(injected, "cookies-plain");
        provider.behaviour().manyGroupsInIdToken(3000);
        PassageBrowser browser = new PassageBrowser();
        HttpResponse<String> page = browser.signIn(URI.create(base + "protected"), TestProvider.ALICE);
        assertEquals(502, page.statusCode(), page.body());
        assertTrue(page.body().contains("Sign-in could not be kept"), page.body());
        assertFalse(page.body().contains("group-0"), "no claim on the page");
        assertFalse(page.body().contains(TestProvider.ALICE), "no personal data on the page");
        assertEquals(1, browser.hops().size(), "the callback answered at once, no redirect: " + browser.hops());
        assertTrue(browser.cookie(URI.create(base.toString()), "passage_session").isEmpty(), "no session kept");
        assertTrue(browser.cookie(URI.create(base.toString()), "passage_session_1").isEmpty(), "no chunk kept");
    }

    /** The Set-Cookie header of the response whose cookie name starts with {@code prefix}. */
    private static String setCookie(HttpResponse<String> response, String prefix) {
        List<String> all = response.headers().allValues("Set-Cookie");
        return all.stream().filter(cookie -> cookie.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no cookie " + prefix + "... in " + all));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int at = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, at), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(at + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}

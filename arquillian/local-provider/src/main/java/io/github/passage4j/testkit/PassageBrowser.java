package io.github.passage4j.testkit;

import io.github.passage4j.provider.LoginPage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A browser as far as signing in goes, for tests of an app that signs in with Passage: it keeps cookies (one
 * instance is one browser profile), follows redirects one at a time (remembering each hop), asks for HTML as a page
 * navigation does, and fills in the local provider's login page ({@link LoginPage}) the way a user would.
 *
 * <pre>{@code
 * PassageBrowser browser = new PassageBrowser();
 * HttpResponse<String> page = browser.signIn(URI.create(appUrl + "profile"), "user-alice");
 * assertEquals(200, page.statusCode());                      // the protected page, signed in
 * HttpResponse<String> again = browser.get(URI.create(appUrl + "profile"));   // the session cookie is sent
 * }</pre>
 *
 * <p>It runs no script: where a page would submit a form by script (Passage4J's logout page posts the browser on to
 * the provider's end-session endpoint), call {@link #submitForm(HttpResponse)}. Not thread-safe.
 *
 * <p>Like a current browser it tells the server where each request comes from (Fetch Metadata,
 * {@code Sec-Fetch-Site}, and {@code Origin} on a form POST): {@code none} for a page the test opens (as if typed),
 * the relation of the form's page to its action for a form, and for a redirect the relation along the redirect
 * chain (an approximation of the browsers' rule: the least related hop wins). Origins are compared as browsers do,
 * scheme, host and port; sites by scheme and host (the local servers all run on {@code 127.0.0.1}, so they are
 * {@code same-site} to each other). A test that needs other headers builds its own request for {@link #send}.
 */
public final class PassageBrowser {

    private static final int MAX_REDIRECTS = 10;
    private static final String SITE_NONE = "none";
    private static final String SITE_SAME_ORIGIN = "same-origin";
    private static final String SITE_SAME_SITE = "same-site";
    private static final String SITE_CROSS_SITE = "cross-site";
    // generous bounds, not waits: a server on a busy shared machine can take a while to answer
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    // browsers speak HTTP/1.1 to an http: URL; the JDK client would otherwise try an h2c upgrade on each connection
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new BrowserCookieHeader(cookies))
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(60))
            .build();
    private final List<URI> hops = new ArrayList<>();

    /** A fresh browser profile: no cookies. */
    public PassageBrowser() {
    }

    /**
     * One GET, no redirect followed, asking for HTML as a page navigation does (so Passage4J answers an anonymous
     * request for a protected page with a redirect to the provider, not with {@code 401}).
     *
     * @param uri the page
     * @return the answer
     */
    public HttpResponse<String> get(URI uri) {
        return navigate(uri, SITE_NONE);
    }

    private HttpResponse<String> navigate(URI uri, String fetchSite) {
        return send(HttpRequest.newBuilder(uri).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                .header("Sec-Fetch-Site", fetchSite).header("Sec-Fetch-Mode", "navigate")
                .header("Sec-Fetch-Dest", "document"));
    }

    /** Fetch Metadata's {@code Sec-Fetch-Site} of a request of a page at {@code from} to {@code to}. */
    static String fetchSite(URI from, URI to) {
        if (origin(from).equals(origin(to))) {
            return SITE_SAME_ORIGIN;
        }
        return from.getScheme().equalsIgnoreCase(to.getScheme()) && from.getHost().equalsIgnoreCase(to.getHost())
                ? SITE_SAME_SITE : SITE_CROSS_SITE;
    }

    /** The least related of two {@code Sec-Fetch-Site} values. */
    private static String leastRelated(String one, String other) {
        List<String> order = List.of(SITE_NONE, SITE_SAME_ORIGIN, SITE_SAME_SITE, SITE_CROSS_SITE);
        return order.indexOf(one) >= order.indexOf(other) ? one : other;
    }

    /**
     * @param uri a URL
     * @return its origin as an {@code Origin} header names it: {@code http://127.0.0.1:8080}
     */
    public static String origin(URI uri) {
        int port = uri.getPort();
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80)
                || (scheme.equals("https") && port == 443);
        return scheme + "://" + uri.getHost().toLowerCase(java.util.Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /**
     * Sends a request of your own with this browser's cookies; redirects are not followed.
     *
     * @param request the request (a 120 s timeout is set)
     * @return the answer, body as text
     */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /**
     * Follows redirects from an answer (at most 10) until one that is not a redirect; each hop is added to
     * {@link #hops()}.
     *
     * @param response an answer, redirect or not
     * @return the first answer that is not a redirect
     */
    public HttpResponse<String> follow(HttpResponse<String> response) {
        HttpResponse<String> current = response;
        URI chainStart = response.request().uri();
        String site = response.request().headers().firstValue("Sec-Fetch-Site").orElse(SITE_NONE);
        for (int i = 0; i < MAX_REDIRECTS && isRedirect(current); i++) {
            URI next = location(current);
            hops.add(next);
            // a typed URL stays "none" while the chain stays on its origin; any other hop taints the chain
            site = site.equals(SITE_NONE) && origin(chainStart).equals(origin(next)) ? SITE_NONE
                    : leastRelated(site.equals(SITE_NONE) ? SITE_SAME_ORIGIN : site,
                    fetchSite(current.request().uri(), next));
            current = navigate(next, site);
        }
        return current;
    }

    /**
     * Opens a page and follows redirects; {@link #hops()} then starts with {@code uri}.
     *
     * @param uri the page
     * @return the page the browser ends on
     */
    public HttpResponse<String> open(URI uri) {
        hops.clear();
        hops.add(uri);
        return follow(get(uri));
    }

    /**
     * Opens a protected page, is sent to the provider, clicks a seeded user on its login page, and follows the way
     * back through the app's callback.
     *
     * @param protectedPage a page of the app that needs a signed-in user
     * @param userSub       the {@code sub} of a user seeded at the provider
     * @return the page the browser ends on (normally {@code protectedPage}, signed in)
     * @throws AssertionError when the app does not redirect to the provider
     */
    public HttpResponse<String> signIn(URI protectedPage, String userSub) {
        return signIn(protectedPage, login -> login.signInAs(userSub));
    }

    /**
     * Like {@link #signIn(URI, String)}, but types a user on the login page instead of clicking a seeded one: the
     * provider makes up that user (its {@code sub} is
     * {@link io.github.passage4j.provider.PassageUser#derivedSubject(String, String)}).
     *
     * @param protectedPage a page of the app that needs a signed-in user
     * @param email         an email address, or {@code null}
     * @param emailVerified whether the email is verified
     * @param phone         a phone number (E.164, e.g. {@code +15555550100}), or {@code null}
     * @param phoneVerified whether the phone number is verified
     * @return the page the browser ends on
     */
    public HttpResponse<String> signInWith(URI protectedPage, String email, boolean emailVerified, String phone,
                                           boolean phoneVerified) {
        return signIn(protectedPage, login -> login.signInWith(email, emailVerified, phone, phoneVerified));
    }

    private interface LoginStep {
        URI submit(LoginPage page) throws IOException;
    }

    private HttpResponse<String> signIn(URI protectedPage, LoginStep step) {
        HttpResponse<String> challenge = get(protectedPage);
        if (!isRedirect(challenge)) {
            throw new AssertionError("expected " + protectedPage + " to redirect to the provider, got "
                    + challenge.statusCode());
        }
        try {
            URI login = location(challenge);
            URI callback = step.submit(LoginPage.open(login));
            hops.clear();
            hops.add(callback);
            // the provider's login page sends the browser back to the app
            return follow(navigate(callback, fetchSite(login, callback)));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /**
     * Submits the page's first form as a browser running the page's script would: a POST of its fields to its
     * action, then follows the redirects.
     *
     * @param page a page with a form
     * @return the page the browser ends on
     */
    public HttpResponse<String> submitForm(HttpResponse<String> page) {
        PostedForm form = PostedForm.parse(page);
        HttpResponse<String> answer = send(HttpRequest.newBuilder(form.action())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .header("Origin", origin(page.uri()))
                .header("Sec-Fetch-Site", fetchSite(page.uri(), form.action()))
                .header("Sec-Fetch-Mode", "navigate")
                .header("Sec-Fetch-Dest", "document")
                .POST(HttpRequest.BodyPublishers.ofString(form.encodedFields())));
        hops.add(form.action());
        return follow(answer);
    }

    /** @return the URIs visited by the last {@link #open}, {@link #signIn} or {@link #signInWith}, in order */
    public List<URI> hops() {
        return List.copyOf(hops);
    }

    /**
     * @param site a URL of the site
     * @param name the cookie's name
     * @return the value of the cookie this browser would send to {@code site}
     */
    public Optional<String> cookie(URI site, String name) {
        return cookies.getCookieStore().get(site).stream()
                .filter(cookie -> cookie.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    /** Forgets every cookie (a new browser profile). */
    public void clearCookies() {
        cookies.getCookieStore().removeAll();
    }

    /**
     * @param response an answer
     * @return whether it is a redirect (3xx)
     */
    public static boolean isRedirect(HttpResponse<?> response) {
        return response.statusCode() >= 300 && response.statusCode() < 400;
    }

    /**
     * @param response a redirect
     * @return its {@code Location}, resolved against the request's URL
     * @throws AssertionError when it has none
     */
    public static URI location(HttpResponse<?> response) {
        return response.uri().resolve(response.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("redirect without Location")));
    }

    /**
     * Sends the cookies as a browser does (RFC 6265 5.4): one {@code Cookie} header of {@code name=value} pairs,
     * longer paths first. The JDK's {@link CookieManager} takes a {@code Set-Cookie} with {@code Max-Age} (and no
     * {@code Expires}) for an RFC 2965 cookie and sends it back as {@code $Version="1"; name="value"; $Path=...},
     * which servers with an RFC 6265 parser (Payara 7) do not read as that cookie at all.
     */
    private static final class BrowserCookieHeader extends CookieHandler {

        private final CookieManager jar;

        BrowserCookieHeader(CookieManager jar) {
            this.jar = jar;
        }

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            boolean secure = "https".equalsIgnoreCase(uri.getScheme());
            String header = jar.getCookieStore().get(uri).stream()
                    .filter(cookie -> !cookie.hasExpired())
                    .filter(cookie -> secure || !cookie.getSecure())
                    .filter(cookie -> pathMatches(path, cookie.getPath() == null ? "/" : cookie.getPath()))
                    .sorted(Comparator.comparingInt(
                            (HttpCookie cookie) -> cookie.getPath() == null ? 1 : cookie.getPath().length()).reversed())
                    .map(cookie -> cookie.getName() + "=" + cookie.getValue())
                    .collect(Collectors.joining("; "));
            return header.isEmpty() ? Map.of() : Map.of("Cookie", List.of(header));
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
            jar.put(uri, responseHeaders);
        }

        /** RFC 6265 5.1.4. */
        private static boolean pathMatches(String requestPath, String cookiePath) {
            return requestPath.equals(cookiePath) || (requestPath.startsWith(cookiePath)
                    && (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/'));
        }
    }
}

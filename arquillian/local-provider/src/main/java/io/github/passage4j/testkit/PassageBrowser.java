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
    private final BrowserCookieHeader cookieHeader = new BrowserCookieHeader(cookies);
    // browsers speak HTTP/1.1 to an http: URL; the JDK client would otherwise try an h2c upgrade on each connection
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(cookieHeader)
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
        return send(request.timeout(TIMEOUT).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            // which cookies go with it depends on where it comes from (SameSite), as the request says it
            cookieHeader.nextRequest(request.headers().firstValue("Sec-Fetch-Site").orElse(SITE_NONE),
                    request.method());
            return client.send(request, HttpResponse.BodyHandlers.ofString());
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
        return signIn(protectedPage, login -> login.signInAsRequest(userSub));
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
        return signIn(protectedPage, login -> login.signInWithRequest(email, emailVerified, phone, phoneVerified));
    }

    private interface LoginStep {
        HttpRequest submit(LoginPage page);
    }

    private HttpResponse<String> signIn(URI protectedPage, LoginStep step) {
        HttpResponse<String> answer = loginAnswer(protectedPage, step);
        hops.clear();
        if (isRedirect(answer)) {
            URI callback = location(answer);
            hops.add(callback);
            // the provider's login page sends the browser back to the app
            return follow(navigate(callback, fetchSite(answer.uri(), callback)));
        }
        // response_mode=form_post: the provider's page posts the response to the app by script, and the
        // app's relay page posts it on to itself the same way
        return submitSelfSubmittingForms(answer);
    }

    /**
     * Like {@link #signIn(URI, String)}, but stops at the provider's answer to the login: a redirect to the app's
     * callback, or (for {@code response_mode=form_post}) the page whose form posts the response to it. A test can
     * then carry that answer elsewhere, e.g. submit the form from another browser ({@link #submitForm}).
     *
     * @param protectedPage a page of the app that needs a signed-in user
     * @param userSub       the {@code sub} of a user seeded at the provider
     * @return the provider's answer, not followed
     */
    public HttpResponse<String> loginAnswer(URI protectedPage, String userSub) {
        return loginAnswer(protectedPage, login -> login.signInAsRequest(userSub));
    }

    private HttpResponse<String> loginAnswer(URI protectedPage, LoginStep step) {
        HttpResponse<String> challenge = get(protectedPage);
        if (!isRedirect(challenge)) {
            throw new AssertionError("expected " + protectedPage + " to redirect to the provider, got "
                    + challenge.statusCode());
        }
        try {
            return send(step.submit(LoginPage.open(location(challenge))));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /**
     * Submits forms that submit themselves by script, one after the other, as a browser running the pages' scripts
     * would (at most 3: a provider's form_post page and the app's relay page are two): see {@link #submitForm}.
     *
     * @param page a page, self-submitting or not
     * @return the first page that does not submit itself
     */
    public HttpResponse<String> submitSelfSubmittingForms(HttpResponse<String> page) {
        HttpResponse<String> current = page;
        for (int i = 0; i < 3 && isSelfSubmitting(current); i++) {
            current = submitForm(current);
        }
        return current;
    }

    /** A 200 page with a form and a script that submits it. */
    static boolean isSelfSubmitting(HttpResponse<String> page) {
        String body = page.body();
        return page.statusCode() == 200 && body != null && body.contains("<form")
                && java.util.regex.Pattern.compile("<script\\b[^>]*>[^<]*\\.submit\\(\\)").matcher(body).find();
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
        /** The {@code SameSite} of each cookie, by host and name, lower case; {@code lax} when it said none. */
        private final Map<String, String> sameSite = new java.util.concurrent.ConcurrentHashMap<>();
        private volatile String fetchSite = SITE_NONE;
        private volatile boolean safeMethod = true;

        BrowserCookieHeader(CookieManager jar) {
            this.jar = jar;
        }

        /** Where the next request comes from ({@code Sec-Fetch-Site}) and its method: what SameSite decides by. */
        void nextRequest(String site, String method) {
            fetchSite = site;
            safeMethod = "GET".equals(method) || "HEAD".equals(method);
        }

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            // browsers treat http on loopback as a secure context, and send Secure cookies there
            boolean secure = "https".equalsIgnoreCase(uri.getScheme()) || isLoopback(uri.getHost());
            boolean crossSite = SITE_CROSS_SITE.equals(fetchSite);
            // the JDK's store holds back Secure cookies from any http URI: asked as https, it decides nothing here
            URI lookup = secure && !"https".equalsIgnoreCase(uri.getScheme()) ? withHttps(uri) : uri;
            String header = jar.getCookieStore().get(lookup).stream()
                    .filter(cookie -> !cookie.hasExpired())
                    .filter(cookie -> secure || !cookie.getSecure())
                    .filter(cookie -> !crossSite || sends(sameSite.getOrDefault(key(uri, cookie.getName()), "lax")))
                    .filter(cookie -> pathMatches(path, cookie.getPath() == null ? "/" : cookie.getPath()))
                    .sorted(Comparator.comparingInt(
                            (HttpCookie cookie) -> cookie.getPath() == null ? 1 : cookie.getPath().length()).reversed())
                    .map(cookie -> cookie.getName() + "=" + cookie.getValue())
                    .collect(Collectors.joining("; "));
            return header.isEmpty() ? Map.of() : Map.of("Cookie", List.of(header));
        }

        /**
         * RFC 6265bis 5.8.3 for a cross-site request: {@code None} cookies always, {@code Lax} ones on a top-level
         * navigation with a safe method (a GET redirect, not a form POST), {@code Strict} ones never. Only top-level
         * navigations are made here.
         */
        private boolean sends(String cookieSameSite) {
            return switch (cookieSameSite) {
                case "none" -> true;
                case "strict" -> false;
                default -> safeMethod;
            };
        }

        /**
         * Stores the cookies as a browser does (RFC 6265bis 5.7): unlike the JDK's {@link CookieManager} (RFC 2965),
         * a {@code Path} that is not a prefix of the request's path is taken (a cookie for the callback path set
         * on the sign-in's start). The {@code SameSite} attribute, which {@link HttpCookie} does not read, is kept
         * beside.
         */
        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) {
            for (Map.Entry<String, List<String>> header : responseHeaders.entrySet()) {
                if (header.getKey() == null || !header.getKey().equalsIgnoreCase("Set-Cookie")) {
                    continue;
                }
                for (String value : header.getValue()) {
                    take(uri, value);
                }
            }
        }

        private void take(URI uri, String setCookie) {
            List<HttpCookie> parsed;
            try {
                parsed = HttpCookie.parse(setCookie);
            } catch (IllegalArgumentException malformed) {
                return;
            }
            java.util.regex.Matcher site = java.util.regex.Pattern.compile("(?i);\\s*SameSite\\s*=\\s*(\\w+)")
                    .matcher(setCookie);
            String siteValue = site.find() ? site.group(1).toLowerCase(java.util.Locale.ROOT) : "lax";
            for (HttpCookie cookie : parsed) {
                if (cookie.getPath() == null) {
                    // RFC 6265 5.1.4: the default path is the request path's directory
                    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                    int slash = path.lastIndexOf('/');
                    cookie.setPath(slash <= 0 ? "/" : path.substring(0, slash));
                }
                // RFC 6265bis 5.7 step 18: SameSite=None without Secure is dropped
                if ("none".equals(siteValue) && !cookie.getSecure()) {
                    continue;
                }
                // RFC 6265bis 5.7 step 10: a Secure cookie from an insecure origin (plain http off loopback) too
                if (cookie.getSecure() && !"https".equalsIgnoreCase(uri.getScheme()) && !isLoopback(uri.getHost())) {
                    continue;
                }
                sameSite.put(key(uri, cookie.getName()), siteValue);
                // a Max-Age=0 (or past Expires) replaces the cookie with nothing: the store deletes it
                jar.getCookieStore().add(uri, cookie);
            }
        }

        private static URI withHttps(URI uri) {
            try {
                return new URI("https", uri.getRawAuthority(), uri.getRawPath(), null, null);
            } catch (java.net.URISyntaxException impossible) {
                return uri;
            }
        }

        private static String key(URI uri, String name) {
            return uri.getHost().toLowerCase(java.util.Locale.ROOT) + " " + name;
        }

        private static boolean isLoopback(String host) {
            if (host == null) {
                return false;
            }
            String h = host.toLowerCase(java.util.Locale.ROOT);
            return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
        }

        /** RFC 6265 5.1.4. */
        private static boolean pathMatches(String requestPath, String cookiePath) {
            return requestPath.equals(cookiePath) || (requestPath.startsWith(cookiePath)
                    && (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/'));
        }
    }
}

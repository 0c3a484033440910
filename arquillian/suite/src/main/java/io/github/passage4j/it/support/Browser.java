package io.github.passage4j.it.support;

import io.github.passage4j.provider.LoginPage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A browser as far as sign-in goes: it keeps cookies, follows redirects one by one (remembering each hop), and fills
 * in the provider's login page. One instance is one browser profile.
 */
public final class Browser {

    private static final int MAX_REDIRECTS = 10;

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    // browsers speak HTTP/1.1 to an http: URL; the JDK client would otherwise try an h2c upgrade on each connection
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final List<URI> hops = new ArrayList<>();

    /** One request, no redirect followed, asking for HTML as a page navigation does. */
    public HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** Follows redirects from a response until a page that is not a redirect. */
    public HttpResponse<String> follow(HttpResponse<String> response) {
        HttpResponse<String> current = response;
        for (int i = 0; i < MAX_REDIRECTS && isRedirect(current); i++) {
            URI next = location(current);
            hops.add(next);
            current = get(next);
        }
        return current;
    }

    /** Opens a page and follows redirects. */
    public HttpResponse<String> open(URI uri) {
        hops.clear();
        hops.add(uri);
        return follow(get(uri));
    }

    /**
     * Opens a protected page, is sent to the provider, signs in there as a seeded user, and follows the way back.
     *
     * @return the page the browser ends on
     */
    public HttpResponse<String> signIn(URI protectedPage, String user) {
        HttpResponse<String> challenge = get(protectedPage);
        if (!isRedirect(challenge)) {
            throw new AssertionError("expected a redirect to the provider, got " + challenge.statusCode());
        }
        try {
            URI callback = LoginPage.open(location(challenge)).signInAs(user);
            hops.clear();
            hops.add(callback);
            return follow(get(callback));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /**
     * Submits the page's form as a browser running the page's script would: a POST of its fields to its action,
     * then follows the redirects.
     */
    public HttpResponse<String> submitForm(HttpResponse<String> page) {
        PostedForm form = PostedForm.parse(page);
        HttpResponse<String> answer = send(HttpRequest.newBuilder(form.action())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(form.encodedFields())));
        hops.add(form.action());
        return follow(answer);
    }

    /** The URIs visited by the last {@link #open} or {@link #signIn}, in order. */
    public List<URI> hops() {
        return List.copyOf(hops);
    }

    public Optional<String> cookie(URI site, String name) {
        return cookies.getCookieStore().get(site).stream()
                .filter(cookie -> cookie.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    public static boolean isRedirect(HttpResponse<?> response) {
        return response.statusCode() >= 300 && response.statusCode() < 400;
    }

    public static URI location(HttpResponse<?> response) {
        return response.uri().resolve(response.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("redirect without Location")));
    }
}

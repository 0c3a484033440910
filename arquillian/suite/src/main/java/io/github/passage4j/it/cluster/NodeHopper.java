package io.github.passage4j.it.cluster;

import io.github.passage4j.provider.LoginPage;
import io.github.passage4j.testkit.PassageBrowser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One browser in front of a cluster: a {@link PassageBrowser} (its cookies are per host, so both nodes on 127.0.0.1
 * get the same cookies, as behind a load balancer) that can start a sign-in on one node and let the provider's
 * answer reach another, and that remembers the names of every cookie the app set, so a test can replay or tamper with
 * exactly those later.
 */
final class NodeHopper {

    private static final int MAX_REDIRECTS = 10;

    private final PassageBrowser browser = new PassageBrowser();
    private final Set<String> cookieNames = new LinkedHashSet<>();

    /** A page navigation (one GET, no redirect followed); the cookies it sets are remembered. */
    HttpResponse<String> get(URI uri) {
        HttpResponse<String> response = browser.get(uri);
        response.headers().allValues("Set-Cookie").forEach(header ->
                HttpCookie.parse(header).forEach(cookie -> cookieNames.add(cookie.getName())));
        return response;
    }

    /** Follows redirects from an answer, one {@link #get} each. */
    HttpResponse<String> follow(HttpResponse<String> response) {
        HttpResponse<String> current = response;
        for (int i = 0; i < MAX_REDIRECTS && PassageBrowser.isRedirect(current); i++) {
            current = get(PassageBrowser.location(current));
        }
        return current;
    }

    /**
     * Opens a protected page of one node, is sent to the provider and signs in there as {@code user}.
     *
     * @return where the provider sends the browser back: the app's callback at the node the sign-in started on
     */
    URI startSignIn(URI protectedPage, String user) {
        HttpResponse<String> challenge = get(protectedPage);
        assertEquals(302, challenge.statusCode(), "an anonymous page navigation is sent to the provider");
        try {
            return LoginPage.open(PassageBrowser.location(challenge)).signInAs(user);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** Sends the provider's answer to {@code node} instead of the node it names, and follows on to the page. */
    HttpResponse<String> finishSignIn(URI callback, URL node) {
        return follow(get(onNode(callback, node)));
    }

    /** Signs in on one node, start to end. */
    HttpResponse<String> signIn(URI protectedPage, String user) {
        URI callback = startSignIn(protectedPage, user);
        return follow(get(callback));
    }

    /** The same path and query at another node. */
    static URI onNode(URI uri, URL node) {
        return URI.create(node.getProtocol() + "://" + node.getAuthority() + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    /** Every cookie the app set so far that this browser would still send to {@code site}, by name. */
    Map<String, String> cookies(URI site) {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String name : cookieNames) {
            browser.cookie(site, name).ifPresent(value -> cookies.put(name, value));
        }
        return cookies;
    }

    /** The names of every cookie the app set so far, whether still held or deleted since. */
    Set<String> cookieNamesSeen() {
        return Set.copyOf(cookieNames);
    }

    /**
     * A page navigation by another browser that holds exactly the given cookies: a replay of stolen or kept cookies.
     */
    static HttpResponse<String> withCookies(URI uri, Map<String, String> cookies) {
        assertTrue(!cookies.isEmpty(), "there are cookies to send");
        String header = cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        return new PassageBrowser().send(HttpRequest.newBuilder(uri)
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                .header("Cookie", header));
    }

    /** The {@code key=value} lines of a page that must be {@code 200}. */
}

package io.github.passage4j.ee;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestSiteTest {

    private static final String APP = "https://app.example";

    private static RequestSite site(String fetchSite, String origin) {
        ServletFakes.Request request = ServletFakes.request("/passage/logout");
        if (fetchSite != null) {
            request.header("Sec-Fetch-Site", fetchSite);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return RequestSite.of(request.build(), APP);
    }

    @Test
    void fetchMetadataDecidesWhenTheBrowserSendsIt() {
        assertEquals(RequestSite.SAME_ORIGIN, site("same-origin", null));
        assertEquals(RequestSite.SAME_ORIGIN, site("Same-Origin ", null), "case and spaces do not matter");
        assertEquals(RequestSite.USER_INITIATED, site("none", null));
        assertEquals(RequestSite.OTHER_ORIGIN, site("cross-site", null));
        assertEquals(RequestSite.OTHER_ORIGIN, site("same-site", null), "a sibling subdomain is another origin");
        assertEquals(RequestSite.OTHER_ORIGIN, site("something-new", null), "an unknown value proves nothing");
        assertEquals(RequestSite.OTHER_ORIGIN, site("", null));
    }

    @Test
    void fetchMetadataWinsOverOrigin() {
        assertEquals(RequestSite.OTHER_ORIGIN, site("cross-site", APP), "Origin cannot undo cross-site");
        assertEquals(RequestSite.SAME_ORIGIN, site("same-origin", "https://attacker.example"));
    }

    @Test
    void withoutFetchMetadataTheOriginDecides() {
        assertEquals(RequestSite.SAME_ORIGIN, site(null, APP));
        assertEquals(RequestSite.SAME_ORIGIN, site(null, "HTTPS://APP.EXAMPLE"), "scheme and host are case-blind");
        assertEquals(RequestSite.OTHER_ORIGIN, site(null, "https://attacker.example"));
        assertEquals(RequestSite.OTHER_ORIGIN, site(null, "http://app.example"), "another scheme");
        assertEquals(RequestSite.OTHER_ORIGIN, site(null, "https://app.example:8443"), "another port");
        assertEquals(RequestSite.OTHER_ORIGIN, site(null, "https://sub.app.example"), "a subdomain");
        assertEquals(RequestSite.OTHER_ORIGIN, site(null, "https://app.example.attacker.example"), "no prefix match");
        assertEquals(RequestSite.OTHER_ORIGIN, site(null, "null"), "an opaque origin (sandboxed frame, data: URL)");
        assertEquals(RequestSite.UNKNOWN, site(null, null));
    }

    @Test
    void onlyGetHeadOptionsAndTraceAreSafe() {
        for (String method : new String[] {"GET", "HEAD", "OPTIONS", "TRACE"}) {
            assertTrue(RequestSite.isSafeMethod(ServletFakes.request("/").method(method).build()), method);
        }
        for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE", "get", "PROPFIND"}) {
            assertFalse(RequestSite.isSafeMethod(ServletFakes.request("/").method(method).build()), method);
        }
    }

    @Test
    void theAppsOriginIsTheConfiguredBaseUrlsOrTheRequests() {
        var behindProxy = ServletFakes.request("/page").origin("http", "10.0.0.5", 8080).build();
        assertEquals("http://10.0.0.5:8080", AppUrls.origin(behindProxy, null));
        assertEquals("https://app.example.com", AppUrls.origin(behindProxy,
                java.net.URI.create("https://App.Example.com:443/shop")), "default port dropped, host lower-cased");
        assertEquals("https://app.example", AppUrls.origin(ServletFakes.request("/").build(), null));
    }
}

package io.github.passage4j.provider;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET|POST /logout}: RP-initiated logout. There is no provider session to end, so it only sends the browser to
 * {@code post_logout_redirect_uri} (with {@code state}) or shows a "signed out" page. Tests read what was sent from
 * {@link LocalPassageProvider#requests(Endpoint)}. Hostile switches: {@link Behaviour#endSessionAcceptsOnly(String)}
 * and {@link Behaviour#ignorePostedPostLogoutRedirectUri(boolean)}.
 */
final class LogoutEndpoint implements Handler {

    private final Behaviour behaviour;

    LogoutEndpoint(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    @Override
    public Response handle(Request request) {
        String only = behaviour.endSessionAcceptsOnly();
        if (only != null && !only.equals(request.method())) {
            // hostile, against RP-Initiated Logout 1.0 section 2 (GET and POST): as real providers answer
            return "GET".equals(only) ? Response.text(404, "Not found")
                    : Response.text(405, "Method not allowed").header("Allow", only);
        }
        String target = "POST".equals(request.method()) && behaviour.ignorePostedPostLogoutRedirectUri()
                ? queryOnly(request, "post_logout_redirect_uri")
                : request.parameter("post_logout_redirect_uri");
        if (target == null || target.isEmpty()) {
            return Response.html(200, Html.page("Signed out - local Passage",
                    "<h1 id=\"signed-out\">You are signed out</h1>\n<p>You can close this window.</p>"));
        }
        if (!isHttpUri(target)) {
            return Response.html(400, Html.errorPage("Invalid post-logout redirect URI",
                    "The post_logout_redirect_uri is not an absolute http(s) URI without fragment."));
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("state", request.parameter("state"));
        return Response.redirect(FormCodec.appendQuery(target, params));
    }

    private static String queryOnly(Request request, String name) {
        java.util.List<String> values = request.query().getOrDefault(name, java.util.List.of());
        return values.isEmpty() ? null : values.get(0);
    }

    private static boolean isHttpUri(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getHost() != null && uri.getRawFragment() == null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}

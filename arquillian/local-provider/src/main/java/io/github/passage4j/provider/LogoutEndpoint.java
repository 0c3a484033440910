package io.github.passage4j.provider;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET|POST /logout}: RP-initiated logout. There is no provider session to end, so it only sends the browser to
 * {@code post_logout_redirect_uri} (with {@code state}) or shows a "signed out" page. Tests read what was sent from
 * {@link LocalPassageProvider#requests(Endpoint)}.
 */
final class LogoutEndpoint implements Handler {

    LogoutEndpoint() {
    }

    @Override
    public Response handle(Request request) {
        String target = request.parameter("post_logout_redirect_uri");
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

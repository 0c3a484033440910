package io.github.passage4j.oidc;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The transport rule shared by the configured issuer and every endpoint that discovery returns:
 * absolute, and {@code https} unless the host is a loopback address.
 *
 * <p>Loopback is recognised from the literal host only ({@code localhost}, {@code 127.0.0.0/8},
 * {@code ::1}); no name is ever resolved, so the check does no I/O and cannot be fooled by DNS.
 */
public final class UriRules {

    private static final Pattern IPV4_LOOPBACK =
            Pattern.compile("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){2}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9a-f:.]+");

    private UriRules() {
    }

    /**
     * Returns null when {@code uri} may be used to talk to the provider, otherwise the reason why
     * not (to be prefixed with the name of the field by the caller).
     */
    public static String problemWith(URI uri) {
        if (uri == null) {
            return "is missing";
        }
        if (!uri.isAbsolute() || uri.isOpaque()) {
            return "must be an absolute URI";
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return "must have a host";
        }
        if (uri.getRawFragment() != null) {
            return "must not have a fragment";
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if ("https".equals(scheme)) {
            return null;
        }
        if ("http".equals(scheme) && isLoopback(host)) {
            // plain HTTP is only tolerable where nothing leaves the machine (local development, tests)
            return null;
        }
        return "must use https (plain http is accepted only for a loopback host)";
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if ("localhost".equals(h) || IPV4_LOOPBACK.matcher(h).matches()) {
            return true;
        }
        if (h.indexOf(':') < 0 || !IPV6_CHARACTERS.matcher(h).matches()) {
            return false;
        }
        try {
            // a string with ':' can only be an IPv6 literal, which InetAddress parses without a lookup
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The text of {@code uri} without a trailing slash, to which well-known paths are appended. */
    static String withoutTrailingSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    /**
     * The URI reduced to scheme, host, port and path: what may be logged about an endpoint (user
     * info and query could hold credentials).
     */
    static String forLog(URI uri) {
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return uri.getScheme() + "://" + uri.getHost() + port + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}

package io.github.passage4j.oidc;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The transport rule shared by the configured issuer and every endpoint that discovery returns:
 * absolute, and {@code https} unless the host is a loopback address.
 *
 * <p>Loopback is recognised from the literal host only, and only in its plain spellings: {@code localhost},
 * {@code 127.x.y.z} as four decimal octets without leading zeros, and the IPv6 address {@code ::1}. No name is
 * ever resolved, so the check does no I/O and cannot be fooled by DNS ({@code 127.evil.example},
 * {@code localhost.evil.example} and {@code 127.0.0.1.nip.io} are names, not addresses). Shorthand and
 * non-decimal IPv4 forms ({@code 127.1}, {@code 0x7f.0.0.1}, {@code 0177.0.0.1}) are refused because parsers
 * disagree about them; so is the IPv4-mapped {@code ::ffff:127.0.0.1}, which is loopback only through a
 * translation that not every stack makes. This is the one loopback rule of the library: the Jakarta glue's
 * settings use it too.
 */
public final class UriRules {

    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\." + OCTET + "){3}");
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

    /**
     * Whether plain http to {@code host} stays on this machine, by the rule in the class documentation.
     *
     * @param host a URI's host as {@link URI#getHost()} gives it (an IPv6 literal in brackets), or null
     * @return true only for {@code localhost}, a decimal {@code 127.x.y.z} and {@code ::1}
     */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
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
            // a string with ':' can only be an IPv6 literal, which InetAddress parses without a lookup; an
            // IPv4-mapped literal comes back as an Inet4Address and is refused (see the class documentation)
            InetAddress address = InetAddress.getByName(h);
            return address instanceof Inet6Address && address.isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * The text without any trailing {@code /}s, in one backward pass: a regular expression such as {@code /+$}
     * backtracks quadratically on a long run of {@code /} that does not end the text, and callers pass an attacker's
     * {@code iss} here.
     */
    public static String withoutTrailingSlashes(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '/') {
            end--;
        }
        return text.substring(0, end);
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

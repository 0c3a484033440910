package io.github.passage4j.ee;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a value too large for one cookie as numbered chunks ({@code name_1}, {@code name_2}, ...) and reads it back.
 * Browsers keep at most 4096 bytes per cookie; each {@code Set-Cookie} written here, name and attributes included,
 * stays within that. A value that fits goes into one cookie under the plain name. Stale chunks of an earlier, longer
 * value are deleted, so a shorter value is never read with a leftover tail.
 *
 * <p>Every cookie is {@code HttpOnly}, {@code SameSite=Lax} (the provider's callback is a top-level GET, which Lax
 * allows), and named and scoped by its {@link CookieScope}: {@code Secure} and {@code __Host-} when the app is reached
 * over https, else scoped to the app's context path. The names given here are the full names (see
 * {@link CookieScope#name}).
 */
final class CookieChunks {

    /** What a browser keeps of one cookie, name, value and attributes together. */
    static final int MAX_COOKIE_BYTES = 4096;
    /** Beyond this the value is refused: a session that large is a mistake, not something to spread further. */
    static final int MAX_CHUNKS = 8;

    private CookieChunks() {
    }

    /** The value written under {@code name}, joined from its chunks when it has them. */
    static Optional<String> read(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        Optional<String> whole = value(cookies, name);
        if (whole.isPresent()) {
            return whole;
        }
        StringBuilder joined = new StringBuilder();
        for (int i = 1; i <= MAX_CHUNKS; i++) {
            Optional<String> chunk = value(cookies, chunkName(name, i));
            if (chunk.isEmpty()) {
                break;
            }
            joined.append(chunk.get());
        }
        return joined.isEmpty() ? Optional.empty() : Optional.of(joined.toString());
    }

    /**
     * @param maxAge how long the browser keeps the cookies; null for a browser-session cookie
     * @throws IllegalArgumentException when the value needs more than {@link #MAX_CHUNKS} cookies
     */
    static void write(HttpServletRequest request, HttpServletResponse response, CookieScope scope, String name,
                      String value, Duration maxAge) {
        String attributes = scope.attributes(maxAge);
        List<String> headers = new ArrayList<>();
        if (header(name, value, attributes).length() <= MAX_COOKIE_BYTES) {
            headers.add(header(name, value, attributes));
        } else {
            // the chunk names are as long as chunkName(name, MAX_CHUNKS) at most
            int room = MAX_COOKIE_BYTES - header(chunkName(name, MAX_CHUNKS), "", attributes).length();
            int chunks = (value.length() + room - 1) / room;
            if (chunks > MAX_CHUNKS) {
                throw new IllegalArgumentException("the " + name + " cookie would need " + chunks + " chunks, more "
                        + "than " + MAX_CHUNKS);
            }
            for (int i = 0; i < chunks; i++) {
                String chunk = value.substring(i * room, Math.min(value.length(), (i + 1) * room));
                headers.add(header(chunkName(name, i + 1), chunk, attributes));
            }
        }
        for (String header : headers) {
            response.addHeader("Set-Cookie", header);
        }
        int written = headers.size() == 1 && headers.get(0).startsWith(name + "=") ? 0 : headers.size();
        deleteStale(request, response, scope, name, written);
    }

    /** Deletes the cookie and all its chunks that the browser sent. */
    static void delete(HttpServletRequest request, HttpServletResponse response, CookieScope scope, String name) {
        deleteStale(request, response, scope, name, -1);
    }

    /** The names of the cookies the browser sent that start with {@code prefix}. */
    static List<String> namesStartingWith(HttpServletRequest request, String prefix) {
        Cookie[] cookies = request.getCookies();
        List<String> names = new ArrayList<>();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (cookie.getName().startsWith(prefix) && !names.contains(cookie.getName())) {
                    names.add(cookie.getName());
                }
            }
        }
        return names;
    }

    /** Deletes one cookie by its exact name. */
    static void deleteOne(HttpServletResponse response, CookieScope scope, String name) {
        response.addHeader("Set-Cookie", header(name, "", scope.attributes(Duration.ZERO)
                + "; Expires=Thu, 01 Jan 1970 00:00:00 GMT"));
    }

    /**
     * @param chunksWritten how many chunks were just written: 0 when the value went under the plain name, -1 when
     *                      nothing was written (delete everything)
     */
    private static void deleteStale(HttpServletRequest request, HttpServletResponse response, CookieScope scope,
                                    String name, int chunksWritten) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return;
        }
        if (chunksWritten != 0 && value(cookies, name).isPresent()) {
            deleteOne(response, scope, name);
        }
        for (int i = Math.max(chunksWritten, 0) + 1; i <= MAX_CHUNKS; i++) {
            if (value(cookies, chunkName(name, i)).isPresent()) {
                deleteOne(response, scope, chunkName(name, i));
            }
        }
    }

    private static String chunkName(String name, int index) {
        return name + "_" + index;
    }

    private static Optional<String> value(Cookie[] cookies, String name) {
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(name)) {
                return Optional.ofNullable(cookie.getValue()).filter(value -> !value.isEmpty());
            }
        }
        return Optional.empty();
    }

    private static String header(String name, String value, String attributes) {
        return name + "=" + value + attributes;
    }
}

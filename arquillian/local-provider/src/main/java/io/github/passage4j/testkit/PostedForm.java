package io.github.passage4j.testkit;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The first form of a page, read as a browser would: its action (resolved against the page's URL) and the named
 * {@code <input>} fields that carry a value, such as the hidden fields of a self-submitting form (Passage4J's logout
 * page posts one to the provider's end-session endpoint).
 *
 * @param action where the form posts
 * @param fields the form's fields in page order, names and values HTML-unescaped
 */
public record PostedForm(URI action, Map<String, String> fields) {

    private static final Pattern FORM = Pattern.compile("<form\\b[^>]*\\baction=\"([^\"]*)\"[^>]*>(.*?)</form>",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern INPUT = Pattern.compile(
            "<input\\b[^>]*\\bname=\"([^\"]*)\"[^>]*\\bvalue=\"([^\"]*)\"[^>]*>", Pattern.CASE_INSENSITIVE);

    /** @param fields copied, order kept */
    public PostedForm {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /**
     * @param page a page holding a form with an {@code action}
     * @return its first form
     * @throws AssertionError when the page holds no form
     */
    public static PostedForm parse(HttpResponse<String> page) {
        Matcher form = FORM.matcher(page.body());
        if (!form.find()) {
            throw new AssertionError("no form on the page: " + page.body());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(form.group(2));
        while (input.find()) {
            fields.put(unescape(input.group(1)), unescape(input.group(2)));
        }
        return new PostedForm(page.uri().resolve(unescape(form.group(1))), fields);
    }

    /** @return the fields as an {@code application/x-www-form-urlencoded} body */
    public String encodedFields() {
        return fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}

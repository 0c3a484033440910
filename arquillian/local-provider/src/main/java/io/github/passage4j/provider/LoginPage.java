package io.github.passage4j.provider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The provider's login page as a browser sees it, for tests that sign in without a browser.
 *
 * <p>It takes no shortcut: it fetches the page an authorization URL shows, reads the forms out of the HTML, and posts
 * the one a user would submit, with the fields the page holds plus what the user chose. So a change to the page that
 * would break a browser sign-in breaks this too.
 *
 * <h2>The page's forms</h2>
 * All three post {@code application/x-www-form-urlencoded} to {@code <issuer>/login}, each with the hidden field
 * {@value #REQUEST_ID} that names the pending authorization request (single use, valid for 10 minutes):
 * <ul>
 *   <li>form {@code id="}{@value #USERS_FORM}{@code "}: one submit button per seeded user, exactly
 *       {@code <button name="user" value="<sub>">} (value HTML-escaped); posting
 *       {@code request_id=...&user=user-alice} signs in as that user. The form is absent when no users are
 *       seeded.</li>
 *   <li>form {@code id="}{@value #TYPED_USER_FORM}{@code "}: text fields {@value #EMAIL} and {@value #PHONE},
 *       checkboxes {@value #EMAIL_VERIFIED} and {@value #PHONE_NUMBER_VERIFIED} (value {@code true}, both checked
 *       initially), and {@code <button name="action" value="sign_in">}. At least an email or a phone is needed;
 *       the user's {@code sub} is {@link PassageUser#derivedSubject(String, String)}.</li>
 *   <li>form {@code id="}{@value #DENY_FORM}{@code "}: {@code <button name="action" value="deny">}; the client
 *       gets {@code error=access_denied}.</li>
 * </ul>
 * A successful post answers {@code 302} to the client's redirect URI with {@code code}, {@code state} and
 * {@code iss}; a rejected one answers {@code 400} with the page again and a message in {@code id="error"}.
 *
 * <pre>{@code
 * URI callback = LoginPage.open(authorizationUrl).signInAs("user-alice");
 * // now send the browser (your HTTP client, with your application's cookies) to callback
 * }</pre>
 */
public final class LoginPage {

    /** Hidden field naming the pending authorization request. */
    public static final String REQUEST_ID = "request_id";
    /** Name of the seeded-user buttons; the value is the user's {@code sub}. */
    public static final String USER = "user";
    /** Text field for a typed email address. */
    public static final String EMAIL = "email";
    /** Checkbox: the typed email address is verified. */
    public static final String EMAIL_VERIFIED = "email_verified";
    /** Text field for a typed phone number. */
    public static final String PHONE = "phone";
    /** Checkbox: the typed phone number is verified. */
    public static final String PHONE_NUMBER_VERIFIED = "phone_number_verified";
    /** Name of the sign-in and cancel buttons. */
    public static final String ACTION = "action";
    /** {@link #ACTION} value of the typed-user form's button. */
    public static final String ACTION_SIGN_IN = "sign_in";
    /** {@link #ACTION} value of the cancel button. */
    public static final String ACTION_DENY = "deny";
    /** {@code id} of the form listing seeded users. */
    public static final String USERS_FORM = "users";
    /** {@code id} of the form for typing a user. */
    public static final String TYPED_USER_FORM = "typed-user";
    /** {@code id} of the cancel form. */
    public static final String DENY_FORM = "deny";

    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form\\s*>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern FIELD = Pattern.compile("<(input|button)\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "([^\\s\"'>/=]+)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'=<>`]+)))?");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|amp|lt|gt|quot|apos);");
    // a generous bound, not a wait: the provider shares a busy machine with the servers under test
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final HttpClient client;
    private final URI pageUrl;
    private final Map<String, Form> forms;

    private LoginPage(HttpClient client, URI pageUrl, Map<String, Form> forms) {
        this.client = client;
        this.pageUrl = pageUrl;
        this.forms = forms;
    }

    /**
     * Fetches the login page of an authorization request, with a client of its own that follows no redirects.
     *
     * @param authorizationUrl the full authorization URL (e.g. the {@code Location} an application redirected to)
     * @return the page
     * @throws IOException           when the provider cannot be reached
     * @throws IllegalStateException when the answer is not a login page (e.g. an error page or an error redirect)
     */
    public static LoginPage open(URI authorizationUrl) throws IOException {
        return open(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build(),
                authorizationUrl);
    }

    /**
     * Fetches the login page of an authorization request.
     *
     * @param client           the client to fetch with and, later, to submit with; it should follow no redirects,
     *                         or submitting would also call the application's redirect URI
     * @param authorizationUrl the full authorization URL
     * @return the page
     * @throws IOException           when the provider cannot be reached
     * @throws IllegalStateException when the answer is not a login page
     */
    public static LoginPage open(HttpClient client, URI authorizationUrl) throws IOException {
        HttpResponse<String> response = send(client, HttpRequest.newBuilder(authorizationUrl).timeout(TIMEOUT).GET().build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("expected the login page at " + authorizationUrl + " but got " + describe(response));
        }
        return parse(client, response.uri(), response.body());
    }

    /**
     * Reads a login page fetched some other way.
     *
     * @param client  the client to submit with
     * @param pageUrl the URL the page was fetched from (its forms' actions resolve against it)
     * @param html    the page
     * @return the page
     * @throws IllegalStateException when the HTML holds no login form
     */
    public static LoginPage parse(HttpClient client, URI pageUrl, String html) {
        Map<String, Form> forms = new LinkedHashMap<>();
        Matcher form = FORM.matcher(html);
        while (form.find()) {
            Map<String, String> attributes = attributes(form.group(1));
            List<Map<String, String>> fields = new ArrayList<>();
            Matcher field = FIELD.matcher(form.group(2));
            while (field.find()) {
                Map<String, String> fieldAttributes = attributes(field.group(2));
                fieldAttributes.put("<tag>", field.group(1).toLowerCase(Locale.ROOT));
                fields.add(fieldAttributes);
            }
            String id = attributes.getOrDefault("id", "form-" + forms.size());
            forms.put(id, new Form(pageUrl.resolve(attributes.getOrDefault("action", pageUrl.toString())), fields));
        }
        if (!forms.containsKey(TYPED_USER_FORM)) {
            throw new IllegalStateException("not a login page: no form " + TYPED_USER_FORM + " at " + pageUrl);
        }
        return new LoginPage(client, pageUrl, forms);
    }

    /** @return the URL the page was fetched from */
    public URI url() {
        return pageUrl;
    }

    /** @return the subjects of the seeded users the page offers, in page order */
    public List<String> users() {
        Form users = forms.get(USERS_FORM);
        List<String> subjects = new ArrayList<>();
        if (users != null) {
            for (Map<String, String> field : users.fields) {
                if ("button".equals(field.get("<tag>")) && USER.equals(field.get("name"))) {
                    subjects.add(field.getOrDefault("value", ""));
                }
            }
        }
        return subjects;
    }

    /**
     * Clicks the button of a seeded user.
     *
     * @param sub the user's subject
     * @return where the provider redirects the browser: the client's redirect URI with {@code code}, {@code state},
     *         {@code iss}
     * @throws IOException           when the provider cannot be reached
     * @throws IllegalStateException when the page has no such user, or the provider does not redirect
     */
    public URI signInAs(String sub) throws IOException {
        return redirectOf(signInAsRequest(sub));
    }

    /**
     * Fills in and submits the form for typing a user.
     *
     * @param email         an email address, or {@code null}
     * @param emailVerified whether to tick "email verified"
     * @param phone         a phone number, or {@code null}
     * @param phoneVerified whether to tick "phone verified"
     * @return where the provider redirects the browser
     * @throws IOException           when the provider cannot be reached
     * @throws IllegalStateException when the provider does not redirect (e.g. neither email nor phone was given)
     */
    public URI signInWith(String email, boolean emailVerified, String phone, boolean phoneVerified) throws IOException {
        return redirectOf(signInWithRequest(email, emailVerified, phone, phoneVerified));
    }

    /**
     * Clicks "cancel".
     *
     * @return where the provider redirects the browser: the redirect URI with {@code error=access_denied}
     * @throws IOException when the provider cannot be reached
     */
    public URI cancel() throws IOException {
        return redirectOf(cancelRequest());
    }

    /**
     * @param sub a seeded user's subject
     * @return the request a browser sends when that user's button is clicked, to send with a client of your own
     */
    public HttpRequest signInAsRequest(String sub) {
        Form form = form(USERS_FORM);
        Map<String, String> button = form.button(USER, sub)
                .orElseThrow(() -> new IllegalStateException("the login page offers no user " + sub + "; it offers " + users()));
        return form.submission(Map.of(), button);
    }

    /**
     * @param email         an email address, or {@code null}
     * @param emailVerified whether to tick "email verified"
     * @param phone         a phone number, or {@code null}
     * @param phoneVerified whether to tick "phone verified"
     * @return the request a browser sends for the typed-user form filled in so, to send with a client of your own
     * @see #signInWith(String, boolean, String, boolean)
     */
    public HttpRequest signInWithRequest(String email, boolean emailVerified, String phone, boolean phoneVerified) {
        Form form = form(TYPED_USER_FORM);
        Map<String, String> entered = new LinkedHashMap<>();
        entered.put(EMAIL, email == null ? "" : email);
        entered.put(PHONE, phone == null ? "" : phone);
        entered.put(EMAIL_VERIFIED, emailVerified ? "checked" : null);
        entered.put(PHONE_NUMBER_VERIFIED, phoneVerified ? "checked" : null);
        Map<String, String> button = form.button(ACTION, ACTION_SIGN_IN)
                .orElseThrow(() -> new IllegalStateException("the typed-user form has no sign-in button"));
        return form.submission(entered, button);
    }

    /** @return the request a browser sends when "cancel" is clicked */
    public HttpRequest cancelRequest() {
        Form form = form(DENY_FORM);
        Map<String, String> button = form.button(ACTION, ACTION_DENY)
                .orElseThrow(() -> new IllegalStateException("the cancel form has no cancel button"));
        return form.submission(Map.of(), button);
    }

    private Form form(String id) {
        Form form = forms.get(id);
        if (form == null) {
            throw new IllegalStateException("the login page has no form " + id);
        }
        return form;
    }

    private URI redirectOf(HttpRequest submission) throws IOException {
        HttpResponse<String> response = send(client, submission);
        // If the client followed the redirect, the provider's answer is the first in the chain.
        HttpResponse<String> first = response;
        while (first.previousResponse().isPresent()) {
            first = first.previousResponse().get();
        }
        int status = first.statusCode();
        Optional<String> location = first.headers().firstValue("Location");
        if (status / 100 != 3 || location.isEmpty()) {
            throw new IllegalStateException("expected the provider to redirect but got " + describe(response));
        }
        return submission.uri().resolve(location.get());
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + request.uri(), e);
        }
    }

    private static String describe(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body();
        Matcher error = Pattern.compile("id=\"error\">([^<]*)<").matcher(body);
        return "HTTP " + response.statusCode() + response.headers().firstValue("Location").map(l -> " to " + l).orElse("")
                + (error.find() ? ": " + unescape(error.group(1)) : "");
    }

    /** Attributes of one tag, names lower-cased, values unescaped; a bare attribute has the value "". */
    private static Map<String, String> attributes(String text) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher attribute = ATTRIBUTE.matcher(text);
        while (attribute.find()) {
            String value = attribute.group(2) != null ? attribute.group(2)
                    : attribute.group(3) != null ? attribute.group(3)
                    : attribute.group(4) != null ? attribute.group(4) : "";
            attributes.putIfAbsent(attribute.group(1).toLowerCase(Locale.ROOT), unescape(value));
        }
        return attributes;
    }

    static String unescape(String text) {
        Matcher entity = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (entity.find()) {
            String name = entity.group(1);
            String replacement = switch (name) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> new String(Character.toChars(name.startsWith("#x") || name.startsWith("#X")
                        ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1))));
            };
            entity.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        entity.appendTail(out);
        return out.toString();
    }

    /** One form: where it posts, and its inputs and buttons as attribute maps. */
    private static final class Form {
        final URI action;
        final List<Map<String, String>> fields;

        Form(URI action, List<Map<String, String>> fields) {
            this.action = action;
            this.fields = fields;
        }

        Optional<Map<String, String>> button(String name, String value) {
            return fields.stream()
                    .filter(f -> "button".equals(f.get("<tag>")) || "submit".equalsIgnoreCase(f.get("type")))
                    .filter(f -> name.equals(f.get("name")) && value.equals(f.getOrDefault("value", "")))
                    .findFirst();
        }

        /**
         * Builds what a browser posts: each named input with its value (text inputs as {@code entered} says,
         * checkboxes only when checked, where {@code entered} holds a non-null value to check and null to uncheck),
         * then the clicked button.
         */
        HttpRequest submission(Map<String, String> entered, Map<String, String> clicked) {
            Map<String, List<String>> body = new LinkedHashMap<>();
            for (Map<String, String> field : fields) {
                String name = field.get("name");
                String type = field.getOrDefault("type", "text").toLowerCase(Locale.ROOT);
                if (name == null || !"input".equals(field.get("<tag>")) || type.equals("submit") || type.equals("button")
                        || field.containsKey("disabled")) {
                    continue;
                }
                if (type.equals("checkbox") || type.equals("radio")) {
                    boolean checked = entered.containsKey(name) ? entered.get(name) != null : field.containsKey("checked");
                    if (checked) {
                        body.computeIfAbsent(name, n -> new ArrayList<>()).add(field.getOrDefault("value", "on"));
                    }
                } else {
                    String value = entered.containsKey(name) ? entered.get(name) : field.getOrDefault("value", "");
                    body.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                }
            }
            if (clicked.get("name") != null) {
                body.computeIfAbsent(clicked.get("name"), n -> new ArrayList<>()).add(clicked.getOrDefault("value", ""));
            }
            StringBuilder encoded = new StringBuilder();
            body.forEach((name, values) -> values.forEach(value -> encoded.append(encoded.length() == 0 ? "" : "&")
                    .append(FormCodec.encodeComponent(name)).append('=').append(FormCodec.encodeComponent(value))));
            return HttpRequest.newBuilder(action)
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(encoded.toString()))
                    .build();
        }
    }
}

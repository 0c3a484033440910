package io.github.passage4j.testkit;

import io.github.passage4j.provider.LocalPassageProvider;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The three settings that point an app's {@code @PassageAuthenticationDefinition} at a provider: issuer, client id
 * and client secret, in every form an app reads them: MicroProfile Config keys ({@code passage.issuer},
 * {@code passage.client-id}, {@code passage.client-secret}), environment variables ({@code PASSAGE_ISSUER}, ...),
 * system properties, and the text of a {@code META-INF/microprofile-config.properties}.
 *
 * <p>For a definition with a {@code name} ({@link #named(String)}) the keys are {@code passage.<name>.issuer} and
 * {@code PASSAGE_<NAME>_ISSUER}, and so on.
 *
 * @param issuer       the provider's issuer
 * @param clientId     the app's client id there
 * @param clientSecret its client secret
 * @param name         the definition's name, or {@code null} for the unnamed (default) definition
 */
public record PassageSettings(URI issuer, String clientId, String clientSecret, String name) {

    /** MicroProfile Config key of the issuer, for the unnamed definition. */
    public static final String ISSUER = "passage.issuer";
    /** MicroProfile Config key of the client id, for the unnamed definition. */
    public static final String CLIENT_ID = "passage.client-id";
    /** MicroProfile Config key of the client secret, for the unnamed definition. */
    public static final String CLIENT_SECRET = "passage.client-secret";

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

    /** @throws IllegalArgumentException when a value is missing or the name is not lower-case letters, digits, - */
    public PassageSettings {
        Objects.requireNonNull(issuer, "issuer");
        if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isEmpty()) {
            throw new IllegalArgumentException("a client id and a client secret are needed");
        }
        if (name != null && !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a definition name (lower-case letters, digits and -): " + name);
        }
    }

    /**
     * @param issuer       the provider's issuer
     * @param clientId     the client id
     * @param clientSecret the client secret
     * @return settings of the unnamed definition
     */
    public static PassageSettings of(URI issuer, String clientId, String clientSecret) {
        return new PassageSettings(issuer, clientId, clientSecret, null);
    }

    /**
     * The settings an app configured through its environment reads: {@code PASSAGE_ISSUER},
     * {@code PASSAGE_CLIENT_ID} and {@code PASSAGE_CLIENT_SECRET} of this JVM. Use it when a server started before the
     * tests (e.g. by the build, with those variables) inherits the same environment: start the provider where they
     * say with {@link #providerBuilder()} or {@link LocalPassageProviderExtension.Builder#settings(PassageSettings)}.
     *
     * @return the settings
     * @throws IllegalStateException when a variable is not set
     */
    public static PassageSettings fromEnvironment() {
        return fromEnvironment(null);
    }

    /**
     * Like {@link #fromEnvironment()}, for the definition named {@code name}: {@code PASSAGE_<NAME>_ISSUER}, ...
     *
     * @param name the definition's name, or {@code null} for the unnamed one
     * @return the settings
     * @throws IllegalStateException when a variable is not set
     */
    public static PassageSettings fromEnvironment(String name) {
        return from(System::getenv, name, true);
    }

    /**
     * The settings given as system properties ({@code passage.issuer}, ...), e.g. by the build.
     *
     * @param name the definition's name, or {@code null} for the unnamed one
     * @return the settings
     * @throws IllegalStateException when a property is not set
     */
    public static PassageSettings fromSystemProperties(String name) {
        return from(System::getProperty, name, false);
    }

    /**
     * Reads the settings from a map of environment variables ({@code PASSAGE_ISSUER}, ...), for tests.
     *
     * @param environment the variables
     * @param name        the definition's name, or {@code null}
     * @return the settings
     * @throws IllegalStateException when a variable is missing
     */
    public static PassageSettings fromEnvironment(Map<String, String> environment, String name) {
        return from(environment::get, name, true);
    }

    private static PassageSettings from(Function<String, String> source, String name, boolean environment) {
        PassageSettings keys = new PassageSettings(URI.create("http://127.0.0.1"), "-", "-", name);
        Function<String, String> required = key -> {
            String variable = environment ? environmentName(key) : key;
            String value = source.apply(variable);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException((environment ? "Environment variable " : "System property ")
                        + variable + " is not set");
            }
            return value;
        };
        return new PassageSettings(URI.create(required.apply(keys.key("issuer"))),
                required.apply(keys.key("client-id")), required.apply(keys.key("client-secret")), name);
    }

    /**
     * @param name a definition name
     * @return these settings for the definition of that name ({@code passage.<name>.*} keys)
     */
    public PassageSettings named(String name) {
        return new PassageSettings(issuer, clientId, clientSecret, name);
    }

    /**
     * @param attribute an attribute in kebab case, e.g. {@code issuer} or {@code client-id}
     * @return its MicroProfile Config key for this definition, e.g. {@code passage.issuer} or
     *         {@code passage.second.issuer}
     */
    public String key(String attribute) {
        return "passage." + (name == null ? "" : name + ".") + attribute;
    }

    /** @return {@code passage.issuer}, {@code passage.client-id}, {@code passage.client-secret} (in that order) */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(key("issuer"), issuer.toString());
        map.put(key("client-id"), clientId);
        map.put(key("client-secret"), clientSecret);
        return map;
    }

    /** @return the same as environment variables: {@code PASSAGE_ISSUER}, {@code PASSAGE_CLIENT_ID}, ... */
    public Map<String, String> asEnvironment() {
        Map<String, String> map = new LinkedHashMap<>();
        asMap().forEach((key, value) -> map.put(environmentName(key), value));
        return map;
    }

    /** @return {@link #asMap()} as {@link Properties}, e.g. for {@code System.getProperties().putAll(...)} */
    public Properties asSystemProperties() {
        Properties properties = new Properties();
        properties.putAll(asMap());
        return properties;
    }

    /** @return {@code -Dpassage.issuer=...} and so on, for the command line of a server JVM started by a test */
    public List<String> asJvmArguments() {
        List<String> arguments = new ArrayList<>();
        asMap().forEach((key, value) -> arguments.add("-D" + key + "=" + value));
        return arguments;
    }

    /**
     * The text of a {@code META-INF/microprofile-config.properties} holding these settings, for a test deployment:
     * <pre>{@code
     * war.addAsResource(new StringAsset(settings.microprofileConfigProperties()),
     *         "META-INF/microprofile-config.properties");
     * }</pre>
     *
     * @return the properties file's text
     */
    public String microprofileConfigProperties() {
        StringBuilder text = new StringBuilder("# the local Passage provider of the tests (passage-security-testkit)\n");
        asMap().forEach((key, value) -> text.append(key).append('=').append(escape(value)).append('\n'));
        return text.toString();
    }

    /**
     * A builder of a provider that serves these settings: listening on the issuer's loopback host and port, with
     * the client registered. Add users and {@code build().start()} it.
     *
     * @return the builder
     * @throws IllegalArgumentException when the issuer is not {@code http://} on a loopback host with a port
     */
    public LocalPassageProvider.Builder providerBuilder() {
        if (!"http".equals(issuer.getScheme()) || issuer.getPort() < 0) {
            throw new IllegalArgumentException("the local provider serves http://<loopback host>:<port>, not " + issuer);
        }
        String host = issuer.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return LocalPassageProvider.builder().host(host).port(issuer.getPort()).client(clientId, clientSecret);
    }

    /** The secret is not shown. */
    @Override
    public String toString() {
        return "PassageSettings[" + (name == null ? "" : name + ": ") + "issuer=" + issuer + ", client-id=" + clientId
                + "]";
    }

    /**
     * @param key a MicroProfile Config key, e.g. {@code passage.client-id}
     * @return its environment variable, e.g. {@code PASSAGE_CLIENT_ID} (MicroProfile Config's mapping)
     */
    public static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case ' ' -> out.append(i == 0 ? "\\ " : " ");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}

/**
 * The test kit for apps that sign in with Passage ({@code io.github.passage4j:passage-security-testkit}, test scope):
 * test your own {@code @PassageAuthenticationDefinition} app against the local, Passage-compatible provider of
 * {@link io.github.passage4j.provider}.
 *
 * <ul>
 *   <li>{@link io.github.passage4j.testkit.LocalPassageProviderExtension}: a JUnit 5 extension that starts the
 *       provider (loopback, random or fixed port) with your client and seeded users, resets its behaviour after each
 *       test, closes it after the tests, and injects the provider, its settings and browsers into test methods.</li>
 *   <li>{@link io.github.passage4j.testkit.PassageSettings}: what points an app at the provider, as MicroProfile
 *       Config keys, environment variables, system properties or a {@code microprofile-config.properties} text.</li>
 *   <li>{@link io.github.passage4j.testkit.PassageBrowser}: a cookie-keeping HTTP browser that signs in through the
 *       provider's login page ({@code signIn(protectedPage, "user-alice")}).</li>
 *   <li>{@link io.github.passage4j.testkit.TestCertificates}: a test CA, server, client and trust PKCS#12 files for
 *       mutual TLS (RFC 8705), with the provider's HTTPS listener
 *       ({@code LocalPassageProvider.builder().mutualTls(...)}) and the app's configuration
 *       ({@code appConfiguration("tls_client_auth", clientKeyStore, null)}).</li>
 * </ul>
 *
 * JUnit 5 ({@code junit-jupiter-api}) is needed only for the extension; the kit does not bring it, so a test uses its
 * own JUnit version.
 */
package io.github.passage4j.testkit;

package io.github.passage4j.it.example;

import io.github.passage4j.it.support.Browser;
import io.github.passage4j.it.support.TestProvider;
import io.github.passage4j.provider.LocalPassageProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example app's WAR ({@code examples/hello-passage/target/hello-passage.war}) deployed unchanged, configured
 * only through the {@code PASSAGE_*} environment variables the server inherits.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ExampleWarIT {

    @Deployment(testable = false)
    static WebArchive exampleWar() {
        TestProvider.get();
        String path = System.getProperty("passage.example.war", "");
        File war = new File(path);
        if (!war.isFile()) {
            throw new IllegalStateException("The example WAR " + path + " does not exist: build it first "
                    + "(mvn verify at the repository root builds it before these suites)");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }

    @ArquillianResource
    URL base;

    private final LocalPassageProvider provider = TestProvider.get();

    private URI app(String path) {
        return URI.create(base.toString()).resolve(path);
    }

    @Test
    void signInShowsTheProfileJsonAndLogoutSignsOut() {
        Browser browser = new Browser();
        HttpResponse<String> home = browser.get(app(""));
        assertEquals(200, home.statusCode());
        assertTrue(home.body().contains("Sign in with Passage"), home.body());

        HttpResponse<String> profile = browser.signIn(app("profile"), TestProvider.ALICE);
        assertEquals(200, profile.statusCode(), profile.body());
        assertEquals(app("profile"), profile.uri());
        for (String expected : new String[] {"\"sub\":\"user-alice\"", "\"email\":\"alice@example.com\"",
                "\"email_verified\":true", "\"phone\":\"+15555550100\"", "\"phone_number_verified\":true",
                "\"iss\":\"" + provider.issuer() + "\"", "\"client_id\":\"" + TestProvider.clientId() + "\""}) {
            assertTrue(profile.body().contains(expected), expected + " in " + profile.body());
        }

        HttpResponse<String> signedOut = browser.submitForm(browser.open(app("logout")));
        assertEquals(app(""), signedOut.uri());
        assertTrue(signedOut.body().contains("Sign in with Passage"), signedOut.body());
        assertEquals(302, browser.get(app("profile")).statusCode(), "signed out");
    }

    @Test
    void anonymousJsonRequestGets401() {
        HttpResponse<String> response = new Browser().send(HttpRequest.newBuilder(app("profile"))
                .header("Accept", "application/json"));
        assertEquals(401, response.statusCode());
    }
}

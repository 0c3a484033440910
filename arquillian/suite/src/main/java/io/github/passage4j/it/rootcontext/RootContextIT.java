package io.github.passage4j.it.rootcontext;

import io.github.passage4j.it.Deployments;
import io.github.passage4j.it.WebXml;
import io.github.passage4j.it.support.HomeServlet;
import io.github.passage4j.it.support.TestProvider;
import io.github.passage4j.provider.LocalPassageProvider;
import io.github.passage4j.provider.LoginPage;
import io.github.passage4j.testkit.PassageBrowser;
import io.github.passage4j.testkit.PostedForm;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sign-in and logout of an app deployed at the context root {@code /}, where the context path is empty: the
 * redirect URI is {@code http://host:port/passage/callback}, and the browser comes back to the page it asked for.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RootContextIT {

    private static final WebXml WEB_XML = WebXml.protecting("/protected");

    /** WildFly's descriptor: the context root. */
    private static final String JBOSS_WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <jboss-web>
                <context-root>/</context-root>
            </jboss-web>
            """;

    /** Payara's descriptor: the context root. */
    private static final String PAYARA_WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE payara-web-app PUBLIC "-//Payara.fish//DTD Payara Server 4 Servlet 3.0//EN" "https://raw.githubusercontent.com/payara/Payara-Server-Documentation/master/schemas/payara-web-app_4.dtd">
            <payara-web-app>
                <context-root>/</context-root>
            </payara-web-app>
            """;

    /** GlassFish's descriptor: the context root (GlassFish reads neither of the above). */
    private static final String GLASSFISH_WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <glassfish-web-app>
                <context-root>/</context-root>
            </glassfish-web-app>
            """;

    /** Open Liberty's descriptor: the context root. */
    private static final String LIBERTY_WEB_EXT_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-ext xmlns="http://websphere.ibm.com/xml/ns/javaee" version="1.0">
                <context-root uri="/"/>
            </web-ext>
            """;

    @Deployment(testable = false)
    static WebArchive deployment() {
        TestProvider.get();
        return Deployments.war("rootcontext")
                .addClasses(RootDefinition.class, RootPageServlet.class, HomeServlet.class)
                .setWebXML(WEB_XML.asset())
                .addAsWebInfResource(new StringAsset(JBOSS_WEB_XML), "jboss-web.xml")
                .addAsWebInfResource(new StringAsset(PAYARA_WEB_XML), "payara-web.xml")
                .addAsWebInfResource(new StringAsset(GLASSFISH_WEB_XML), "glassfish-web.xml")
                .addAsWebInfResource(new StringAsset(LIBERTY_WEB_EXT_XML), "ibm-web-ext.xml")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @ArquillianResource
    URL base;

    private final LocalPassageProvider provider = TestProvider.get();

    @BeforeEach
    @AfterEach
    void resetProvider() {
        provider.behaviour().reset();
    }

    /** A path of the server, from its root: the app is at the root, whatever URL the adapter reports. */
    private URI server(String path) {
        return Deployments.base(base, "").resolve(path);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int at = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, at), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(at + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    @Test
    void signInAtTheRootContextReturnsToThePageAskedFor() throws IOException {
        PassageBrowser browser = new PassageBrowser();
        HttpResponse<String> challenge = browser.get(server("/protected?at=root"));
        assertEquals(302, challenge.statusCode(), challenge.body());
        URI authorize = PassageBrowser.location(challenge);
        assertTrue(authorize.toString().startsWith(provider.issuer() + "/authorize?"), authorize.toString());
        assertEquals(server("/passage/callback").toString(), query(authorize).get("redirect_uri"),
                "no context path, no double slash");

        URI callback = LoginPage.open(authorize).signInAs(TestProvider.ALICE);
        assertEquals("/passage/callback", callback.getRawPath());
        HttpResponse<String> back = browser.get(callback);
        assertEquals(302, back.statusCode(), back.body());
        URI landing = PassageBrowser.location(back);
        assertEquals("/protected?at=root", landing.getRawPath() + "?" + landing.getRawQuery());

        HttpResponse<String> page = browser.follow(back);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("contextPath=\n") || page.body().contains("contextPath=\r\n"),
                "the app is at the root context: " + page.body());
        assertTrue(page.body().contains("userPrincipal.name=" + TestProvider.ALICE), page.body());
        assertTrue(page.body().contains("query=at=root"), page.body());
    }

    @Test
    void logoutAtTheRootContextComesBackToTheServerRoot() {
        PassageBrowser browser = new PassageBrowser();
        assertEquals(200, browser.signIn(server("/protected"), TestProvider.BOB).statusCode());
        HttpResponse<String> logout = browser.get(server("/passage/logout"));
        assertEquals(200, logout.statusCode(), logout.body());
        PostedForm endSession = PostedForm.parse(logout);
        assertEquals(URI.create(provider.issuer() + "/logout"), endSession.action());
        assertEquals(server("/").toString(), endSession.fields().get("post_logout_redirect_uri"));
        HttpResponse<String> page = browser.submitForm(logout);
        URI landed = browser.hops().get(browser.hops().size() - 1);
        assertEquals(server("/"), URI.create(landed.toString().replaceAll("\\?.*", "")), "back at the server root");
        assertEquals("state=" + endSession.fields().get("state"), landed.getRawQuery(), "with the state sent");
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("home signedIn=false"), "the app's public home page: " + page.body());
        assertEquals(302, browser.get(server("/protected")).statusCode(), "signed out");
    }
}

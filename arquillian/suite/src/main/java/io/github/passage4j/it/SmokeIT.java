package io.github.passage4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.passage4j.it.smoke.ConfigServlet;
import io.github.passage4j.it.smoke.SmokeAuthenticationMechanism;
import io.github.passage4j.it.smoke.SmokePrincipal;
import io.github.passage4j.it.smoke.SmokeServlet;

/**
 * Proves the harness: a WAR with its own tiny custom HttpAuthenticationMechanism (not Passage's)
 * deploys, challenges and logs in on the server under test; groups become roles. Also prints what the
 * server does with a custom principal and with MicroProfile Config (facts for the library, not asserted
 * where servers may legitimately differ).
 */
@ExtendWith(ArquillianExtension.class)
class SmokeIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        WebArchive war = Deployments.war("smoke")
                .addClasses(SmokeAuthenticationMechanism.class, SmokePrincipal.class, SmokeServlet.class,
                        ConfigServlet.class);
        return Deployments.withConfig(war, Map.of(ConfigServlet.WAR_PROPERTY, "from war: a=b #c"));
    }

    @ArquillianResource
    URL base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(60)).build();

    @Test
    void anonymousRequestToProtectedResourceIsChallenged() throws Exception {
        HttpResponse<String> response = get("protected", null);
        assertEquals(401, response.statusCode(), response::body);
    }

    @Test
    void headerLogsInWithGroupAsRole() throws Exception {
        HttpResponse<String> response = get("protected", "alice");
        assertEquals(200, response.statusCode(), response::body);
        Map<String, String> facts = parse(response.body());
        report("principal", facts);
        assertEquals("alice", facts.get("name"), response.body());
        assertEquals("true", facts.get("inRole"), response.body());
        assertEquals("true", facts.get("securityContext.isCallerInRole"), response.body());
    }

    @Test
    void microProfileConfig() throws Exception {
        HttpResponse<String> response = get("config", null);
        assertEquals(200, response.statusCode(), response::body);
        Map<String, String> facts = parse(response.body());
        report("mp-config", facts);
        // the harness's contract: MicroProfile Config works on both servers and sees values given to the
        // server as system properties (server.system.properties), as environment variables (failsafe
        // environmentVariables) and in the WAR (Deployments.withConfig)
        assertEquals("true", facts.get("config.available"), response.body());
        assertEquals("from-sysprop", facts.get("config.property"), response.body());
        assertEquals("from-env", facts.get("config.env"), response.body());
        assertEquals("from war: a=b #c", facts.get("config.war"), response.body());
    }

    private HttpResponse<String> get(String path, String user) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(Deployments.base(base, "smoke").resolve(path))
                .timeout(Duration.ofSeconds(120));
        if (user != null) {
            request.header(SmokeAuthenticationMechanism.HEADER, user);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, String> parse(String body) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(body));
        Map<String, String> facts = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> facts.put(key, properties.getProperty(key)));
        return facts;
    }

    private static void report(String topic, Map<String, String> facts) {
        StringBuilder text = new StringBuilder();
        facts.forEach((key, value) -> text.append(String.format("%n    %s = %s", key, value)));
        System.out.printf("[SmokeIT on %s] %s:%s%n", Deployments.server(), topic, text);
    }
}

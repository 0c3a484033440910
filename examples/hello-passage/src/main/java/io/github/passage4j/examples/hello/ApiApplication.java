package io.github.passage4j.examples.hello;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Map;

/**
 * The REST API at {@code /api}: signed-in browsers (session cookie) and API clients
 * ({@code Authorization: Bearer <access token>}) alike. {@code @RolesAllowed} on JAX-RS resources is switched on for
 * Jersey (Payara) here, by name so the app stays portable, and for RESTEasy (WildFly) in web.xml.
 */
@ApplicationPath("api")
public class ApiApplication extends Application {

    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.provider.classnames",
                "org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature");
    }
}

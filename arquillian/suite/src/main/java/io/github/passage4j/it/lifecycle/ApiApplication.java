package io.github.passage4j.it.lifecycle;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Map;

/**
 * {@code /api}. {@code @RolesAllowed} on plain JAX-RS resources is enforced by Jersey (Payara) once its
 * {@code RolesAllowedDynamicFeature} is registered, here by name so the app stays portable; RESTEasy (WildFly) enforces
 * it with the {@code resteasy.role.based.security} context parameter of web.xml.
 */
@ApplicationPath("api")
public class ApiApplication extends Application {

    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.provider.classnames",
                "org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature");
    }
}

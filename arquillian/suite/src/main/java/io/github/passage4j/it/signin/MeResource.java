package io.github.passage4j.it.signin;

import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/me} (protected in web.xml): the injected profile, read from JAX-RS. */
@Path("me")
public class MeResource {

    @Inject
    CallerView callerView;

    @Inject
    SecurityContext securityContext;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> me() {
        Map<String, Object> me = new LinkedHashMap<>(callerView.describe());
        me.put("callerPrincipal", securityContext.getCallerPrincipal().getName());
        return me;
    }
}

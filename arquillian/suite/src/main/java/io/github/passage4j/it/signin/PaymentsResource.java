package io.github.passage4j.it.signin;

import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/** {@code /api/payments}: needs an mfa {@code acr} by the definition's step-up requirement. */
@Path("payments")
public class PaymentsResource {

    @Inject
    SecurityContext securityContext;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> payments() {
        return Map.of("callerPrincipal", securityContext.getCallerPrincipal().getName());
    }
}

package io.github.passage4j.it.lifecycle;

import io.github.passage4j.PassageProfile;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/*} (protected in web.xml for any signed-in caller): who calls, and role-restricted resources. */
@Path("")
public class ApiResource {

    @Inject
    PassageProfile profile;

    @Inject
    SecurityContext securityContext;

    /** An unsafe method: what a cross-site form would post to (the element token cookie must not authenticate it). */
    @POST
    @Path("me")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> postMe() {
        return me();
    }

    @GET
    @Path("me")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> me() {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("name", profile.getName());
        me.put("iss", profile.getIss());
        me.put("admin", securityContext.isCallerInRole("admin"));
        me.put("auditor", securityContext.isCallerInRole("auditor"));
        return me;
    }

    @GET
    @Path("admin")
    @RolesAllowed("admin")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> admin() {
        return Map.of("area", "admin");
    }

    @GET
    @Path("audit")
    @RolesAllowed("auditor")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> audit() {
        return Map.of("area", "audit");
    }
}

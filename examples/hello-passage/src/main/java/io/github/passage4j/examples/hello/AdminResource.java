package io.github.passage4j.examples.hello;

import io.github.passage4j.PassageProfile;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/** {@code /api/admin}: for callers in role {@code admin} only (see {@link AdminIdentityStore}); others get 403. */
@Path("admin")
public class AdminResource {

    @Inject
    PassageProfile profile;

    @GET
    @RolesAllowed("admin")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> admin() {
        return Map.of("admin", profile.getName());
    }
}

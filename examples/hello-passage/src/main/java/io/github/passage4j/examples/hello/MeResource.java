package io.github.passage4j.examples.hello;

import io.github.passage4j.PassageProfile;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/me} (any signed-in caller, see web.xml): the caller's profile as JSON, whether it came with the session
 * cookie of a sign-in or with a bearer access token.
 */
@Path("me")
public class MeResource {

    @Inject
    PassageProfile profile;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> me() {
        Map<String, Object> json = new LinkedHashMap<>(profile.getClaims());
        profile.getPhone().ifPresent(phone -> json.put("phone", phone));
        return json;
    }
}

package io.github.passage4j.it.signin;

import io.github.passage4j.PassageProfile;
import io.github.passage4j.PassageTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An application-scoped bean with the profile injected: one instance serves every user, so it proves the injected
 * profile follows the request.
 */
@ApplicationScoped
public class CallerView {

    @Inject
    PassageProfile profile;

    @Inject
    PassageTokens tokens;

    public PassageProfile profile() {
        return profile;
    }

    public Map<String, Object> describe() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", profile.getName());
        view.put("sub", profile.getSub());
        view.put("email", profile.getEmail().orElse(""));
        view.put("email_verified", profile.getEmailVerified().map(String::valueOf).orElse(""));
        view.put("phone", profile.getPhone().orElse(""));
        view.put("phone_number_verified", profile.getPhoneNumberVerified().map(String::valueOf).orElse(""));
        view.put("iss", profile.getIss());
        view.put("aud", String.join(",", profile.getAud()));
        view.put("client_id", profile.getClientId().orElse(""));
        view.put("at_hash_present", profile.getAtHash().isPresent());
        view.put("id_token_is_jws", tokens.getIdToken().split("\\.").length == 3);
        view.put("access_token_present", !tokens.getAccessToken().isEmpty());
        view.put("profile_to_string_has_token", profile.toString().contains(tokens.getIdToken()));
        return view;
    }
}

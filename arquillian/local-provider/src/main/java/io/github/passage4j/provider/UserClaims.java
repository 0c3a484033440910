package io.github.passage4j.provider;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The claims about a user that granted scopes release; shared by ID tokens and UserInfo so the two always agree. */
final class UserClaims {

    private UserClaims() {
    }

    /**
     * @param user   the user
     * @param scopes the granted scopes
     * @return {@code sub}, plus {@code email}/{@code email_verified} for scope email and
     *         {@code phone_number}/{@code phone_number_verified} for scope phone when the user has them
     */
    static Map<String, Object> of(PassageUser user, Set<String> scopes) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", user.sub());
        if (scopes.contains(Scopes.EMAIL) && user.email() != null) {
            claims.put("email", user.email());
            claims.put("email_verified", user.emailVerified());
        }
        if (scopes.contains(Scopes.PHONE) && user.phone() != null) {
            claims.put("phone_number", user.phone());
            claims.put("phone_number_verified", user.phoneVerified());
        }
        return claims;
    }
}

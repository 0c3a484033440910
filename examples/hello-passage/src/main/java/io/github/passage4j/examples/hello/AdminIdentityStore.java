package io.github.passage4j.examples.hello;

import io.github.passage4j.PassageProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Roles for Passage users, the Jakarta Security way: an identity store that only provides groups. Passage signs the
 * user in; this store makes the users whose verified email is listed in {@code hello.admin-emails} (system property)
 * or {@code HELLO_ADMIN_EMAILS} (environment variable), comma separated, members of group {@code admin}.
 */
@ApplicationScoped
public class AdminIdentityStore implements IdentityStore {

    @Override
    public Set<ValidationType> validationTypes() {
        return EnumSet.of(ValidationType.PROVIDE_GROUPS);
    }

    @Override
    public Set<String> getCallerGroups(CredentialValidationResult validationResult) {
        if (validationResult.getCallerPrincipal() instanceof PassageProfile profile
                && profile.getEmailVerified().orElse(false)
                && profile.getEmail().filter(adminEmails()::contains).isPresent()) {
            return Set.of("admin");
        }
        return Set.of();
    }

    private static Set<String> adminEmails() {
        String listed = System.getProperty("hello.admin-emails", System.getenv().getOrDefault("HELLO_ADMIN_EMAILS", ""));
        return Set.copyOf(Arrays.stream(listed.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
    }
}

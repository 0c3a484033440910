package io.github.passage4j.it.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import java.util.EnumSet;
import java.util.Set;

/** The app's own groups-only identity store: bob is an auditor, whatever his tokens say. */
@ApplicationScoped
public class AuditorGroupsStore implements IdentityStore {

    @Override
    public Set<ValidationType> validationTypes() {
        return EnumSet.of(ValidationType.PROVIDE_GROUPS);
    }

    @Override
    public Set<String> getCallerGroups(CredentialValidationResult validationResult) {
        return "user-bob".equals(validationResult.getCallerPrincipal().getName()) ? Set.of("auditor") : Set.of();
    }
}

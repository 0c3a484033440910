package io.github.passage4j.ee;

import io.github.passage4j.PassageProfile;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The groups of the application's own {@link IdentityStore} beans, by Jakarta Security's rules (Jakarta Security 3.0
 * section 3.4.4, IdentityStoreHandler): every store whose validation types include {@code PROVIDE_GROUPS} is asked
 * for the groups of the already validated caller, in the order of its priority (lowest first), and the union of the
 * answers is taken. Passage validated the caller, so no store validates here.
 */
final class IdentityStoreGroups implements GroupProviders {

    private static final System.Logger LOG = System.getLogger(IdentityStoreGroups.class.getName());

    private final BeanManager beanManager;
    private final List<Bean<?>> beans;
    private volatile List<IdentityStore> stores;

    /**
     * @param beanManager the application's bean manager
     * @param beans       the application's identity store beans; their references are taken on first need, once
     */
    IdentityStoreGroups(BeanManager beanManager, List<Bean<?>> beans) {
        this.beanManager = beanManager;
        this.beans = List.copyOf(beans);
    }

    @Override
    public Set<String> groupsOf(PassageProfile caller, Set<String> claimGroups) {
        List<IdentityStore> providing = new ArrayList<>();
        for (IdentityStore store : stores()) {
            if (store.validationTypes().contains(IdentityStore.ValidationType.PROVIDE_GROUPS)) {
                providing.add(store);
            }
        }
        if (providing.isEmpty()) {
            return Set.of();
        }
        providing.sort(Comparator.comparingInt(IdentityStore::priority));
        // the result a validating store would have handed over: the caller and the groups known so far
        CredentialValidationResult validated = new CredentialValidationResult(caller, claimGroups);
        Set<String> groups = new LinkedHashSet<>();
        for (IdentityStore store : providing) {
            Set<String> provided = store.getCallerGroups(validated);
            if (provided != null) {
                groups.addAll(provided);
            }
        }
        LOG.log(System.Logger.Level.DEBUG, "Passage4J: {0} identity store(s) gave {1} group(s)", providing.size(),
                groups.size());
        return groups;
    }

    private List<IdentityStore> stores() {
        List<IdentityStore> known = stores;
        if (known == null) {
            List<IdentityStore> references = new ArrayList<>();
            for (Bean<?> bean : beans) {
                references.add((IdentityStore) beanManager.getReference(bean, IdentityStore.class,
                        beanManager.createCreationalContext(bean)));
            }
            known = List.copyOf(references);
            stores = known;
        }
        return known;
    }
}

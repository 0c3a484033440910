package io.github.passage4j.ee;

import io.github.passage4j.PassageProfile;

import java.util.Set;

/** Where a caller's groups come from besides the groups claim. */
interface GroupProviders {

    /** No groups beyond the claim's. */
    GroupProviders NONE = (caller, claimGroups) -> Set.of();

    /**
     * @param caller      the caller being established
     * @param claimGroups the groups the caller's claim already gives
     * @return further groups; never null
     */
    Set<String> groupsOf(PassageProfile caller, Set<String> claimGroups);
}

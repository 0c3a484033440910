package io.github.passage4j.provider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What the endpoints share: the issuer, keys, behaviour, registered clients and users, and issued grants. */
final class ProviderState {

    final String issuer;
    final SigningKeys keys;
    final Behaviour behaviour;
    final Grants grants = new Grants();
    final TokenIssuer tokens;
    private final Map<String, RegisteredClient> clients = new ConcurrentHashMap<>();
    // Insertion order is the order the login page lists users in.
    private final Map<String, PassageUser> users = new LinkedHashMap<>();

    ProviderState(String issuer, SigningKeys keys, Behaviour behaviour) {
        this.issuer = issuer;
        this.keys = keys;
        this.behaviour = behaviour;
        this.tokens = new TokenIssuer(issuer, keys, behaviour);
    }

    /** @return the absolute URL of {@code endpoint} */
    String url(Endpoint endpoint) {
        return issuer + endpoint.path();
    }

    void addClient(RegisteredClient client) {
        clients.put(client.id(), client);
    }

    /** @return the client with this id, or {@code null} */
    RegisteredClient client(String id) {
        return id == null ? null : clients.get(id);
    }

    synchronized void addUser(PassageUser user) {
        users.put(user.sub(), user);
    }

    /** @return the seeded user with this subject, or {@code null} */
    synchronized PassageUser user(String sub) {
        return users.get(sub);
    }

    /** @return the seeded users in the order they were added */
    synchronized List<PassageUser> users() {
        return new ArrayList<>(users.values());
    }
}

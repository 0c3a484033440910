package io.github.passage4j.provider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The registered clients and seeded users; both can grow while the provider runs. Thread-safe. */
final class Directory {

    private final Map<String, RegisteredClient> clients = new ConcurrentHashMap<>();
    // Insertion order is the order the login page lists users in.
    private final Map<String, PassageUser> users = new LinkedHashMap<>();

    private volatile String firstClientId;

    void addClient(RegisteredClient client) {
        clients.put(client.id(), client);
        if (firstClientId == null) {
            firstClientId = client.id();
        }
    }

    /** @return the id of the client registered first, or {@code null} when there is none */
    String firstClientId() {
        return firstClientId;
    }

    /** @return the client with this id, or {@code null} */
    RegisteredClient client(String id) {
        return id == null ? null : clients.get(id);
    }

    /** Adds a user, replacing any with the same subject. */
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

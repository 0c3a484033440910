package io.github.passage4j;

import jakarta.security.enterprise.CallerPrincipal;

import java.io.Serial;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The signed-in Passage user: the caller principal that {@link PassageAuthenticationDefinition} establishes.
 *
 * <p>It carries every claim of the validated ID token, with typed accessors for the claims Passage issues (the claims
 * of the Auth.js {@code PassageProfile}) and {@link #getClaims()} for all of them. It is immutable and
 * {@link java.io.Serializable}, so it lives in replicated HTTP sessions. It never holds a token: those are in
 * {@link PassageTokens}.
 *
 * <p>Obtain it with {@code @Inject PassageProfile profile;} in any bean during an authenticated request (the
 * injected instance always reflects the current caller), with {@code request.getUserPrincipal()}, or with
 * {@code SecurityContext.getPrincipalsByType(PassageProfile.class)}. Injecting it into a request without a signed-in
 * Passage user fails with an {@link IllegalStateException}.
 */
public class PassageProfile extends CallerPrincipal {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Map<String, Object> claims;

    /**
     * Creates a profile, for example to test application code.
     *
     * @param name   the caller name, usually the {@code sub} claim; not null
     * @param claims the claims as JSON values (String, Boolean, Number, List, Map); copied
     */
    public PassageProfile(String name, Map<String, ?> claims) {
        super(Objects.requireNonNull(name, "name"));
        this.claims = deepCopy(Objects.requireNonNull(claims, "claims"));
    }

    /** For CDI's client proxies only; a proxy delegates every call to the current caller's profile. */
    protected PassageProfile() {
        super(null);
        this.claims = Map.of();
    }

    /**
     * The caller name: the value of the configured caller-name claim, {@code sub} by default.
     *
     * @return the caller name
     */
    @Override
    public String getName() {
        return super.getName();
    }

    /**
     * {@code sub}: the user's stable identifier at the provider.
     *
     * @return the subject; never null for a signed-in user
     */
    public String getSub() {
        return string("sub").orElse(null);
    }

    /**
     * {@code email}, present with the {@code email} scope.
     *
     * @return the email address, if any
     */
    public Optional<String> getEmail() {
        return string("email");
    }

    /**
     * {@code email_verified}.
     *
     * @return whether the provider verified the email address, if it said
     */
    public Optional<Boolean> getEmailVerified() {
        return bool("email_verified");
    }

    /**
     * The phone number: {@code phone} as the Auth.js profile names it, or {@code phone_number} as Passage's
     * documentation does, whichever is present.
     *
     * @return the phone number in E.164 form, if any
     */
    public Optional<String> getPhone() {
        return string("phone").or(() -> string("phone_number"));
    }

    /**
     * {@code phone_number_verified}.
     *
     * @return whether the provider verified the phone number, if it said
     */
    public Optional<Boolean> getPhoneNumberVerified() {
        return bool("phone_number_verified");
    }

    /**
     * {@code iss}: the issuer that signed the ID token.
     *
     * @return the issuer
     */
    public String getIss() {
        return string("iss").orElse(null);
    }

    /**
     * {@code aud}: the audiences of the ID token, as a list even when the token held a single string.
     *
     * @return the audiences; empty if absent
     */
    public List<String> getAud() {
        Object aud = claims.get("aud");
        if (aud instanceof String single) {
            return List.of(single);
        }
        if (aud instanceof List<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }

    /**
     * {@code azp}: the authorized party, if present.
     *
     * @return the authorized party, if any
     */
    public Optional<String> getAzp() {
        return string("azp");
    }

    /**
     * {@code client_id}, as Passage adds it.
     *
     * @return the client id, if any
     */
    public Optional<String> getClientId() {
        return string("client_id");
    }

    /**
     * {@code auth_time}: when the user authenticated at the provider.
     *
     * @return the authentication time, if any
     */
    public Optional<Instant> getAuthTime() {
        return instant("auth_time");
    }

    /**
     * {@code acr}: the Authentication Context Class the provider says the user authenticated with (OIDC Core 2), what
     * a {@link PassageAuthenticationDefinition#stepUp()} requirement checks.
     *
     * @return the class reference, if any
     */
    public Optional<String> getAcr() {
        return string("acr");
    }

    /**
     * {@code amr}: the methods the user authenticated with ({@code pwd}, {@code otp}, {@code hwk}, ...; RFC 8176).
     *
     * @return the method references, in the provider's order; empty when there are none
     */
    public List<String> getAmr() {
        return claims.get("amr") instanceof List<?> methods
                ? methods.stream().filter(String.class::isInstance).map(String.class::cast).toList()
                : List.of();
    }

    /**
     * {@code sid}: the provider's session this sign-in belongs to, which its back-channel logouts name
     * (Back-Channel Logout 1.0 section 2.1).
     *
     * @return the session id, if any
     */
    public Optional<String> getSid() {
        return string("sid");
    }

    /**
     * {@code iat}: when the ID token was issued.
     *
     * @return the issue time
     */
    public Instant getIat() {
        return instant("iat").orElse(null);
    }

    /**
     * {@code exp}: when the ID token expires.
     *
     * @return the expiry time
     */
    public Instant getExp() {
        return instant("exp").orElse(null);
    }

    /**
     * {@code at_hash}: the access token hash, if present.
     *
     * @return the access token hash, if any
     */
    public Optional<String> getAtHash() {
        return string("at_hash");
    }

    /**
     * {@code c_hash}: the code hash, if present.
     *
     * @return the code hash, if any
     */
    public Optional<String> getCHash() {
        return string("c_hash");
    }

    /**
     * Every claim of the ID token, as JSON values: {@code String}, {@code Boolean}, {@code Long} or other
     * {@code Number}, {@code List} and {@code Map}.
     *
     * @return an unmodifiable map of all claims
     */
    public Map<String, Object> getClaims() {
        return claims;
    }

    /**
     * One claim as a string.
     *
     * @param name the claim name
     * @return the claim's value if it is a string
     */
    public Optional<String> getClaim(String name) {
        return string(name);
    }

    /**
     * One claim as the given JSON type: {@code String.class}, {@code Boolean.class}, {@code Number.class} (or
     * {@code Long.class} for a whole number), {@code List.class} or {@code Map.class}.
     *
     * @param name the claim name
     * @param type the type the value must have
     * @param <T> that type
     * @return the claim's value if it has that type; empty when it is missing or of another type
     */
    public <T> Optional<T> getClaim(String name, Class<T> type) {
        Object value = claims.get(name);
        return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
    }

    private Optional<String> string(String name) {
        return claims.get(name) instanceof String value ? Optional.of(value) : Optional.empty();
    }

    private Optional<Boolean> bool(String name) {
        Object value = claims.get(name);
        if (value instanceof Boolean flag) {
            return Optional.of(flag);
        }
        // some providers send "true"/"false" as strings
        if (value instanceof String text && (text.equals("true") || text.equals("false"))) {
            return Optional.of(Boolean.valueOf(text));
        }
        return Optional.empty();
    }

    private Optional<Instant> instant(String name) {
        return claims.get(name) instanceof Number seconds
                ? Optional.of(Instant.ofEpochSecond(seconds.longValue()))
                : Optional.empty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PassageProfile that
                && Objects.equals(getName(), that.getName())
                && getClaims().equals(that.getClaims());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getName(), getClaims());
    }

    /** Names the caller and the issuer only: a profile is logged more often than it should be. */
    @Override
    public String toString() {
        return "PassageProfile[name=" + getName() + ", iss=" + getIss() + "]";
    }

    private static Map<String, Object> deepCopy(Map<String, ?> source) {
        Map<String, Object> copy = new LinkedHashMap<>();
        source.forEach((key, value) -> {
            if (key != null && value != null) {
                copy.put(key, copyValue(value));
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    private static Object copyValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> nested = new LinkedHashMap<>();
            map.forEach((key, item) -> {
                if (key != null && item != null) {
                    nested.put(key.toString(), copyValue(item));
                }
            });
            return Collections.unmodifiableMap(nested);
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>(list.size());
            list.forEach(item -> items.add(item == null ? null : copyValue(item)));
            return Collections.unmodifiableList(items);
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Number) {
            return value;
        }
        // anything else (a parser's own types) is kept as its text so the profile stays Serializable
        return value.toString();
    }
}

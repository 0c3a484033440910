package io.github.passage4j.provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A user who can sign in at the local provider, with the identifiers Passage knows about: an email address and/or a
 * phone number, each verified or not.
 *
 * <p>Immutable. Build with {@link #builder()}; a user needs an email or a phone number, and gets a subject derived
 * from them ({@link #derivedSubject(String, String)}) unless one is given.
 */
public final class PassageUser {

    private final String sub;
    private final String email;
    private final boolean emailVerified;
    private final String phone;
    private final boolean phoneVerified;

    private PassageUser(Builder builder) {
        this.email = blankToNull(builder.email);
        this.phone = blankToNull(builder.phone);
        String subject = blankToNull(builder.sub);
        if (subject == null) {
            if (email == null && phone == null) {
                throw new IllegalArgumentException("a user needs a sub, an email or a phone number");
            }
            subject = derivedSubject(email, phone);
        }
        this.sub = subject;
        this.emailVerified = builder.emailVerified;
        this.phoneVerified = builder.phoneVerified;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The subject given to a user typed into the login page: stable, so the same email (or, without one, the same
     * phone number) signs in as the same subject every time and in every provider instance.
     *
     * @param email an email address, or {@code null}
     * @param phone a phone number, or {@code null}
     * @return {@code "user-"} followed by 16 hex digits of a SHA-256 over the lower-cased email, else the phone number
     */
    public static String derivedSubject(String email, String phone) {
        String key = blankToNull(email) != null ? "email:" + email.trim().toLowerCase(Locale.ROOT)
                : "phone:" + Objects.requireNonNull(blankToNull(phone), "an email or a phone number is needed").trim();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "user-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** @return the subject identifier ({@code sub} claim) */
    public String sub() {
        return sub;
    }

    /** @return the email address, or {@code null} */
    public String email() {
        return email;
    }

    /** @return whether the email address is verified */
    public boolean emailVerified() {
        return emailVerified;
    }

    /** @return the phone number ({@code phone_number} claim), or {@code null} */
    public String phone() {
        return phone;
    }

    /** @return whether the phone number is verified */
    public boolean phoneVerified() {
        return phoneVerified;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PassageUser that && sub.equals(that.sub) && Objects.equals(email, that.email)
                && emailVerified == that.emailVerified && Objects.equals(phone, that.phone)
                && phoneVerified == that.phoneVerified;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sub, email, emailVerified, phone, phoneVerified);
    }

    @Override
    public String toString() {
        return "PassageUser[sub=" + sub + ", email=" + email + (email == null ? "" : emailVerified ? " (verified)" : " (not verified)")
                + ", phone=" + phone + (phone == null ? "" : phoneVerified ? " (verified)" : " (not verified)") + "]";
    }

    /** Builds a {@link PassageUser}. */
    public static final class Builder {
        private String sub;
        private String email;
        private boolean emailVerified;
        private String phone;
        private boolean phoneVerified;

        private Builder() {
        }

        /**
         * @param sub the subject; when unset it is derived from the email or phone number
         * @return this builder
         */
        public Builder sub(String sub) {
            this.sub = sub;
            return this;
        }

        /**
         * @param email the email address
         * @return this builder
         */
        public Builder email(String email) {
            this.email = email;
            return this;
        }

        /**
         * @param emailVerified whether the email address is verified (default false)
         * @return this builder
         */
        public Builder emailVerified(boolean emailVerified) {
            this.emailVerified = emailVerified;
            return this;
        }

        /**
         * @param phone the phone number, E.164 as Passage uses (e.g. {@code +15555550100})
         * @return this builder
         */
        public Builder phone(String phone) {
            this.phone = phone;
            return this;
        }

        /**
         * @param phoneVerified whether the phone number is verified (default false)
         * @return this builder
         */
        public Builder phoneVerified(boolean phoneVerified) {
            this.phoneVerified = phoneVerified;
            return this;
        }

        /**
         * @return the user
         * @throws IllegalArgumentException when it has neither a sub, an email nor a phone number
         */
        public PassageUser build() {
            return new PassageUser(this);
        }
    }
}

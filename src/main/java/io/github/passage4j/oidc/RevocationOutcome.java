package io.github.passage4j.oidc;

import java.util.Objects;

/**
 * What became of the revocation of a sign-in's tokens at logout (RFC 7009): never a token, only whether all were
 * revoked and, if not, why, in words safe to log.
 *
 * @param offered whether the provider lists a {@code revocation_endpoint}, so that anything was sent
 * @param revoked whether every token given was revoked (true too when none was given)
 * @param problems why not, empty when all were; safe to log
 */
public record RevocationOutcome(boolean offered, boolean revoked, String problems) {

    /** The provider lists no {@code revocation_endpoint}: nothing was sent. */
    public static final RevocationOutcome NOT_OFFERED = new RevocationOutcome(false, false, "the provider lists no "
            + "revocation_endpoint");

    /**
     * @param offered whether the provider lists a {@code revocation_endpoint}
     * @param revoked whether every token given was revoked
     * @param problems why not, safe to log
     */
    public RevocationOutcome {
        Objects.requireNonNull(problems, "problems");
    }
}

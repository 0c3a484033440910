package io.github.passage4j.oidc;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Validates a back-channel logout token (OpenID Connect Back-Channel Logout 1.0 section 2.6): form,
 * header, algorithm and signature as for ID tokens (steps 1 to 3, same keys and algorithm list),
 * then the claims (steps 4 to 7), and last the replay check (step 8), so that only tokens that
 * passed everything else are remembered. The logout is recorded between the two: a jti spent before
 * its logout was recorded would turn the provider's retry after a failed record (a 503) into a
 * refused replay, and the logout would be lost; recording a replay again is harmless, since it
 * records the same logout.
 */
final class LogoutTokenValidator {

    private final SignedJwtVerifier verifier;
    private final LogoutTokenClaimRules claimRules;
    private final ReplayGuard replayGuard;
    private final Clock clock;

    LogoutTokenValidator(SignedJwtVerifier verifier, LogoutTokenClaimRules claimRules, ReplayGuard replayGuard,
            Clock clock) {
        this.verifier = verifier;
        this.claimRules = claimRules;
        this.replayGuard = replayGuard;
        this.clock = clock;
    }

    LogoutToken validate(ProviderMetadata metadata, String logoutToken, Consumer<LogoutToken> recordLogout)
            throws ProviderUnavailableException, ProviderRejectedException {
        Objects.requireNonNull(logoutToken, "logoutToken");
        // Back-Channel Logout 2.6 step 3: the algorithms are those of ID tokens
        SignedJwtVerifier.VerifiedJwt verified =
                verifier.verify(logoutToken, metadata.idTokenAlgorithms(), metadata.jwksUri());
        LogoutToken token = claimRules.check(verified.claims(), metadata.issuer().toString(), clock.instant());
        // Back-Channel Logout 2.7: record first; if recording fails (throws), the jti stays unspent for the retry
        recordLogout.accept(token);
        // Back-Channel Logout 2.6 step 8: a logout token with a jti seen before is a replay
        if (!replayGuard.firstUse(token.issuer(), token.jwtId(), claimRules.replayWindowEnd(token))) {
            throw new ProviderRejectedException("Back-Channel Logout 2.6 step 8: logout token was received before (jti)");
        }
        return token;
    }
}

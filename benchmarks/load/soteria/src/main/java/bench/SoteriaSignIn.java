package bench;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.OpenIdAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.ClaimsDefinition;

/**
 * Variant (c): Jakarta Security's built-in OpenID Connect mechanism (Soteria in both servers), configured like the
 * Passage4J app as far as it goes: code flow, same provider, same scopes, back to the page first asked for. The values
 * come from the {@code bench.oidc.*} system properties through {@link SoteriaConfig}.
 */
@ApplicationScoped
@OpenIdAuthenticationMechanismDefinition(
        providerURI = "${benchOidc.issuer}",
        clientId = "${benchOidc.clientId}",
        clientSecret = "${benchOidc.clientSecret}",
        redirectURI = "${baseURL}/callback",
        scope = {"openid", "email", "phone"},
        redirectToOriginalResource = true,
        // Passage4J's default caller name; Soteria's default (preferred_username) is not in Passage's ID tokens
        claimsDefinition = @ClaimsDefinition(callerNameClaim = "sub"))
public class SoteriaSignIn {
}

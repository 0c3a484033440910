package bench;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/** The EL bean {@code benchOidc} that {@link SoteriaSignIn}'s expressions read: system properties bench.oidc.*. */
@Named("benchOidc")
@ApplicationScoped
public class SoteriaConfig {

    public String getIssuer() {
        return System.getProperty("bench.oidc.issuer");
    }

    public String getClientId() {
        return System.getProperty("bench.oidc.client-id");
    }

    public String getClientSecret() {
        return System.getProperty("bench.oidc.client-secret");
    }
}

package io.github.passage4j.ee;

import com.nimbusds.jose.util.Base64URL;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Hostile bearer tokens, before any signature check: what the unverified look that chooses a definition costs. The
 * penetration test's token: a JWS whose {@code iss} is 12,000 slashes then one other character, which the former
 * {@code replaceAll("/+$", "")} took 0.25-0.85 s to strip ({@link #formerRegexStrip} measures that for comparison).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HostileTokenBenchmark {

    private final String slashes = "/".repeat(16 * 1024);
    private final String slashIssuer = "/".repeat(12_000) + "x";
    private final String slashIssuerToken = Base64URL.encode("{\"alg\":\"RS256\"}") + "."
            + Base64URL.encode("{\"iss\":\"" + slashIssuer + "\"}") + ".c2ln";

    /** 16 KB of slashes as the bearer token: refused by the one-pass shape check at the first character. */
    @Benchmark
    public Optional<String> sixteenKilobytesOfSlashes() {
        return io.github.passage4j.oidc.UnverifiedJwt.issuer(slashes);
    }

    /** A well-shaped JWS whose iss is 12,000 slashes and an x: decoded, then read up to the iss cap and refused. */
    @Benchmark
    public Optional<String> issuerOfTwelveThousandSlashes() {
        return io.github.passage4j.oidc.UnverifiedJwt.issuer(slashIssuerToken);
    }

    /** The linear strip of trailing slashes, on the same 12,001 characters (nothing to strip: one backward step). */
    @Benchmark
    public String issuerKeyOfTheSlashIssuer() {
        return BearerAuthentication.issuerKey(slashIssuer);
    }

    /** The former strip, for comparison only: quadratic backtracking on the same text. */
    @Benchmark
    public String formerRegexStrip() {
        return slashIssuer.replaceAll("/+$", "");
    }
}

/**
 * A local OpenID provider that behaves like Passage by 1Password hosted login, for tests and demos.
 *
 * <p>{@link io.github.passage4j.provider.LocalPassageProvider} serves the Passage endpoints over real HTTP on
 * loopback, renders a real login page, and signs real RS256 tokens. {@link io.github.passage4j.provider.Behaviour}
 * lets a test make it misbehave, {@link io.github.passage4j.provider.HostileCase} turns that into one attack per case
 * on a relying party (hostile mode), and {@link io.github.passage4j.provider.LoginPage} lets a test sign in through the
 * login page the way a browser does. {@link io.github.passage4j.provider.Main} runs it from the command line.
 */
package io.github.passage4j.provider;

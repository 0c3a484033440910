package io.github.passage4j.provider;

import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link LocalPassageProvider} from the command line, for the demo:
 * <pre>
 * java -jar passage-security-testkit-&lt;version&gt;-all.jar [--host 127.0.0.1] [--port 9000]
 *      [--client-id demo-client] [--client-secret demo-secret] [--redirect-uri URI]... [--help]
 * </pre>
 * Seeds two users, alice (email and phone, both verified) and bob (email, not verified), prints the issuer, the client
 * and the users, and serves until the process is stopped.
 */
public final class Main {

    static final String USAGE = """
            Usage: java -jar passage-security-testkit-<version>-all.jar [options]

            Runs a local Passage-compatible OpenID provider on loopback until stopped (Ctrl+C).

            Options:
              --host HOST            loopback address to listen on (default 127.0.0.1)
              --port PORT            port to listen on, 0 for any free port (default 9000)
              --client-id ID         client id to register (default demo-client)
              --client-secret SECRET client secret to register (default demo-secret)
              --redirect-uri URI     allow only this redirect URI; repeat for more (default: any http(s) URI)
              --help                 print this help and exit
            """;

    /** Demo user with a verified email and a verified phone number. */
    static final PassageUser ALICE = PassageUser.builder().sub("user-alice").email("alice@example.com").emailVerified(true)
            .phone("+15555550100").phoneVerified(true).build();
    /** Demo user with an email address that is not verified, and no phone. */
    static final PassageUser BOB = PassageUser.builder().sub("user-bob").email("bob@example.com").emailVerified(false).build();

    private Main() {
    }

    /**
     * @param args the options, see {@link #USAGE}
     * @throws InterruptedException when interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.print(USAGE);
            return;
        }
        LocalPassageProvider provider;
        try {
            provider = provider(options).start();
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            provider.close();
            stopped.countDown();
        }, "passage-local-provider-shutdown"));
        printBanner(provider, options, System.out);
        stopped.await();
    }

    /** @return a provider, not started, configured by {@code options} */
    static LocalPassageProvider provider(Options options) {
        return LocalPassageProvider.builder()
                .host(options.host)
                .port(options.port)
                .client(options.clientId, options.clientSecret, options.redirectUris)
                .user(ALICE)
                .user(BOB)
                .build();
    }

    static void printBanner(LocalPassageProvider provider, Options options, PrintStream out) {
        out.println("Local Passage provider running");
        out.println("  issuer:        " + provider.issuer());
        out.println("  discovery:     " + provider.endpoint(Endpoint.DISCOVERY));
        out.println("  client id:     " + options.clientId);
        out.println("  client secret: " + options.clientSecret);
        out.println("  redirect URIs: " + (options.redirectUris.isEmpty() ? "any http(s) URI" : options.redirectUris));
        out.println("  users:");
        for (PassageUser user : provider.users()) {
            out.println("    " + user.sub() + "  " + describe(user.email(), user.emailVerified())
                    + (user.phone() == null ? "" : "  " + describe(user.phone(), user.phoneVerified())));
        }
        out.println("Press Ctrl+C to stop.");
        out.flush();
    }

    private static String describe(String identifier, boolean verified) {
        return identifier == null ? "" : identifier + (verified ? " (verified)" : " (not verified)");
    }

    /** The parsed command line. */
    static final class Options {
        String host = "127.0.0.1";
        int port = 9000;
        String clientId = "demo-client";
        String clientSecret = "demo-secret";
        final List<URI> redirectUris = new ArrayList<>();
        boolean help;

        /**
         * @param args the command line
         * @return the options
         * @throws IllegalArgumentException for an unknown option, a missing value, or a bad value
         */
        static Options parse(String... args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String name = arg;
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    // Accept --port=9000 as well as --port 9000.
                    name = arg.substring(0, eq);
                    value = arg.substring(eq + 1);
                }
                switch (name) {
                    case "--help", "-h" -> options.help = true;
                    case "--host" -> options.host = value != null ? value : valueOf(args, ++i, name);
                    case "--port" -> options.port = port(value != null ? value : valueOf(args, ++i, name));
                    case "--client-id" -> options.clientId = nonEmpty(value != null ? value : valueOf(args, ++i, name), name);
                    case "--client-secret" -> options.clientSecret = nonEmpty(value != null ? value : valueOf(args, ++i, name), name);
                    case "--redirect-uri" -> options.redirectUris.add(uri(value != null ? value : valueOf(args, ++i, name)));
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            return options;
        }

        private static String valueOf(String[] args, int index, String name) {
            if (index >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return args[index];
        }

        private static String nonEmpty(String value, String name) {
            if (value.isEmpty()) {
                throw new IllegalArgumentException(name + " must not be empty");
            }
            return value;
        }

        private static int port(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("not a port: " + value);
        }

        private static URI uri(String value) {
            try {
                return URI.create(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a URI: " + value);
            }
        }
    }
}

import io.github.passage4j.provider.Endpoint;
import io.github.passage4j.provider.LocalPassageProvider;
import io.github.passage4j.provider.PassageUser;
import io.github.passage4j.provider.TokenFlaw;
import io.github.passage4j.testkit.PassageBrowser;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load benchmark of benchmarks/load (run by run.sh; see benchmarks/load/README.md): in this one process, the local
 * provider (so its request counters can be read around every measured phase); as a child process, one server (Payara
 * Micro or WildFly) with the three benchmark WARs; sign-in with PassageBrowser (redirects, cookies, the provider's
 * login form); then wrk against loopback, the variants interleaved round by round.
 *
 * <pre>java -cp passage-security-testkit-all.jar Bench.java key=value...</pre>
 * keys: server=payara|wildfly, payaraJar, payaraPreboot, wildflyHome, wildflyBase, wars (dir), out (dir),
 * appPort, providerPort, threads, connections, warmup (s per variant), round (s), rounds.
 */
public class Bench {

    static final String USER = "user-alice";
    static final String PASSAGE_CLIENT = "bench-passage";
    static final String SOTERIA_CLIENT = "bench-soteria";

    record Variant(String id, String label, String app, String path, String credential) {
    }

    record Sample(long requests, double seconds, double p50us, double p99us, long non2xx, String socketErrors,
                  long providerCalls, long authenticated, long anonymous) {
    }

    static Map<String, String> opts = new LinkedHashMap<>();

    static String opt(String key, String fallback) {
        return opts.getOrDefault(key, fallback);
    }

    static int num(String key, int fallback) {
        return Integer.parseInt(opt(key, String.valueOf(fallback)));
    }

    public static void main(String[] args) throws Exception {
        for (String arg : args) {
            int eq = arg.indexOf('=');
            opts.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        String server = opt("server", "payara");
        int appPort = num("appPort", 8581);
        int providerPort = num("providerPort", 9581);
        Path out = Path.of(opt("out", "target/load"));
        Files.createDirectories(out);
        String passageSecret = random();
        String soteriaSecret = random();

        try (LocalPassageProvider provider = LocalPassageProvider.builder()
                .host("127.0.0.1").port(providerPort)
                .client(PASSAGE_CLIENT, passageSecret)          // first client: provider.accessToken() mints for it
                .client(SOTERIA_CLIENT, soteriaSecret)
                .user(PassageUser.builder().sub(USER).email("alice@example.com").emailVerified(true).build())
                .build().start()) {
            // Soteria (Jakarta Security 3.0) sends client_secret_post and no PKCE: allowed for its client only.
            provider.behaviour().allowClientSecretPost(SOTERIA_CLIENT).pkceOptional(SOTERIA_CLIENT);
            String issuer = provider.issuer().toString();

            List<String> systemProperties = List.of(
                    "-Dpassage.issuer=" + issuer, "-Dpassage.client-id=" + PASSAGE_CLIENT,
                    "-Dpassage.client-secret=" + passageSecret,
                    "-Dbench.oidc.issuer=" + issuer, "-Dbench.oidc.client-id=" + SOTERIA_CLIENT,
                    "-Dbench.oidc.client-secret=" + soteriaSecret);
            Process process = startServer(server, appPort, systemProperties, out);
            try {
                run(server, provider, process, appPort, out);
            } finally {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                process.waitFor();
            }
        }
    }

    static Process startServer(String server, int appPort, List<String> systemProperties, Path out) throws IOException {
        List<String> command = new ArrayList<>();
        ProcessBuilder builder = new ProcessBuilder();
        String heap = "-Xms1g -Xmx1g";
        if (server.equals("payara")) {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(Arrays.asList(heap.split(" ")));
            command.addAll(List.of("-Djava.net.preferIPv4Stack=true", "-Dhazelcast.socket.bind.any=false"));
            command.addAll(systemProperties);
            command.addAll(List.of("-jar", opt("payaraJar", null)));
            for (String war : List.of("bench-plain", "bench-passage", "bench-soteria", "bench-floor")) {
                command.addAll(List.of("--deploy", Path.of(opt("wars", null), war + ".war").toString()));
            }
            command.addAll(List.of("--port", String.valueOf(appPort), "--nocluster",
                    "--prebootcommandfile", opt("payaraPreboot", null)));
        } else {
            // The WARs are in <wildflyBase>/deployments (run.sh copies them); ports moved by the offset.
            command.addAll(List.of("/bin/sh", Path.of(opt("wildflyHome", null), "bin", "standalone.sh").toString(),
                    "-Djboss.server.base.dir=" + opt("wildflyBase", null),
                    "-Djboss.socket.binding.port-offset=" + (appPort - 8080),
                    "-b", "127.0.0.1", "-bmanagement", "127.0.0.1"));
            command.addAll(systemProperties);
            builder.environment().put("JAVA_OPTS", heap + " -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=512m"
                    + " -Djava.net.preferIPv4Stack=true -Djboss.modules.system.pkgs=org.jboss.byteman"
                    + " -Djava.awt.headless=true");
        }
        builder.command(command).redirectErrorStream(true).redirectOutput(out.resolve(server + ".log").toFile());
        System.out.println("Starting " + server + " (log: " + out.resolve(server + ".log") + ")");
        return builder.start();
    }

    static void run(String server, LocalPassageProvider provider, Process process, int appPort, Path out) throws Exception {
        String base = "http://127.0.0.1:" + appPort;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        for (String app : List.of("bench-plain", "bench-passage", "bench-soteria", "bench-floor")) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(server + " stopped; see its log");
                }
                try {
                    if (http.send(HttpRequest.newBuilder(URI.create(base + "/" + app + "/hello")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(server + " did not serve /" + app + "/hello in 300 s");
                }
                Thread.sleep(500);
            }
        }
        System.out.println(server + " is up");

        // Sessions: a real code flow each, with the provider's login page.
        String passageCookie = signIn(base + "/bench-passage/secure/hello");
        String soteriaCookie = null;
        String soteriaProblem = null;
        try {
            soteriaCookie = signIn(base + "/bench-soteria/secure/hello");
        } catch (RuntimeException | AssertionError failure) {
            soteriaProblem = failure.toString();
            System.out.println("Soteria sign-in failed: " + soteriaProblem);
        }
        String bearer = provider.accessToken(USER, PASSAGE_CLIENT, TokenFlaw.NONE);
        String floorCookie = floorSignIn(base + "/bench-floor/hello?signin");

        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("a", "unprotected (no mechanism in the app)", "bench-plain", "/hello", null));
        variants.add(new Variant("a'", "unprotected, in the Passage4J app", "bench-passage", "/hello", null));
        variants.add(new Variant("b", "Passage4J, session cookie", "bench-passage", "/secure/hello", "Cookie: " + passageCookie));
        if (soteriaCookie != null) {
            variants.add(new Variant("c", "Soteria OIDC, session cookie", "bench-soteria", "/secure/hello", "Cookie: " + soteriaCookie));
        }
        variants.add(new Variant("d", "Passage4J, bearer JWT", "bench-passage", "/secure/hello", "Authorization: Bearer " + bearer));
        variants.add(new Variant("e", "floor: trivial session mechanism", "bench-floor", "/secure/hello", "Cookie: " + floorCookie));

        for (Variant v : variants) {   // each answers as it should before it is measured
            HttpRequest.Builder check = HttpRequest.newBuilder(URI.create(base + "/" + v.app() + v.path()))
                    .header("Accept", "application/json");
            if (v.credential() != null) {
                int colon = v.credential().indexOf(':');
                check.header(v.credential().substring(0, colon), v.credential().substring(colon + 1).trim());
            }
            HttpResponse<String> answer = http.send(check.build(), HttpResponse.BodyHandlers.ofString());
            String expected = v.credential() == null ? "hello anonymous" : "hello " + USER;
            if (answer.statusCode() != 200 || !answer.body().trim().equals(expected)) {
                throw new IllegalStateException(v.id() + ": " + answer.statusCode() + " " + answer.body());
            }
        }

        int warmup = num("warmup", 10);
        int round = num("round", 5);
        int rounds = num("rounds", 4);
        System.out.printf("Warm-up: %d s per variant%n", warmup);
        for (Variant v : variants) {
            measure(provider, http, base, v, warmup, out);
        }
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        variants.forEach(v -> samples.put(v.id(), new ArrayList<>()));
        for (int r = 0; r < rounds; r++) {
            // interleaved: every round measures every variant once, starting one further along each round
            for (int i = 0; i < variants.size(); i++) {
                Variant v = variants.get((i + r) % variants.size());
                Sample s = measure(provider, http, base, v, round, out);
                samples.get(v.id()).add(s);
                System.out.printf("round %d %-3s %8.0f req/s  p50 %7.0f us  p99 %7.0f us  provider calls %d%n",
                        r + 1, v.id(), s.requests() / s.seconds(), s.p50us(), s.p99us(), s.providerCalls());
            }
        }
        String report = report(server, variants, samples, soteriaProblem, round, rounds, warmup);
        System.out.println(report);
        Files.writeString(out.resolve(server + "-results.md"), report);
    }

    static String signIn(String protectedPage) {
        PassageBrowser browser = new PassageBrowser();
        HttpResponse<String> page = browser.signIn(URI.create(protectedPage), USER);
        if (page.statusCode() != 200 || !page.body().contains("hello " + USER)) {
            throw new IllegalStateException("sign-in at " + protectedPage + " ended with " + page.statusCode() + " "
                    + page.uri() + " " + page.body().substring(0, Math.min(300, page.body().length())) + " hops "
                    + browser.hops());
        }
        String session = browser.cookie(URI.create(protectedPage), "JSESSIONID")
                .orElseThrow(() -> new IllegalStateException("no JSESSIONID after sign-in at " + protectedPage));
        return "JSESSIONID=" + session;
    }

    /** The floor app's sign-in: one request that puts a fixed caller into a new session. */
    static String floorSignIn(String url) throws Exception {
        java.net.CookieManager cookies = new java.net.CookieManager(null, java.net.CookiePolicy.ACCEPT_ALL);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies).build();
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("floor sign-in: " + answer.statusCode());
        }
        return cookies.getCookieStore().get(URI.create(url)).stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(c -> "JSESSIONID=" + c.getValue()).findFirst()
                .orElseThrow(() -> new IllegalStateException("floor sign-in: no JSESSIONID"));
    }

    static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    static final Pattern REQUESTS = Pattern.compile("^\\s+(\\d+) requests in ([0-9.]+)(us|ms|s|m)", Pattern.MULTILINE);
    static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    static final Pattern SOCKET = Pattern.compile("Socket errors: ([^\\n]+)");

    static Sample measure(LocalPassageProvider provider, HttpClient http, String base, Variant v, int seconds, Path out)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + opt("threads", "2"), "-c" + opt("connections", "16"),
                "-d" + seconds + "s", "--latency", "-H", "Accept: application/json"));
        if (v.credential() != null) {
            command.addAll(List.of("-H", v.credential()));
        }
        command.add(base + "/" + v.app() + v.path());
        long[] before = stats(http, base, v.app());
        int providerBefore = providerCalls(provider);
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + text);
        }
        int providerAfter = providerCalls(provider);
        long[] after = stats(http, base, v.app());
        Files.writeString(out.resolve("wrk.log"), "$ " + String.join(" ", command).replaceAll("(Bearer|JSESSIONID=)\\S+", "$1...")
                + "\n" + text + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        double p50 = 0, p99 = 0;
        Matcher m = PERCENTILE.matcher(text);
        while (m.find()) {
            double us = micros(Double.parseDouble(m.group(2)), m.group(3));
            if (m.group(1).equals("50")) {
                p50 = us;
            } else {
                p99 = us;
            }
        }
        Matcher r = REQUESTS.matcher(text);
        if (!r.find()) {
            throw new IllegalStateException("unexpected wrk output: " + text);
        }
        long requests = Long.parseLong(r.group(1));
        double secs = micros(Double.parseDouble(r.group(2)), r.group(3)) / 1e6;
        Matcher n = NON2XX.matcher(text);
        long non2xx = n.find() ? Long.parseLong(n.group(1)) : 0;
        Matcher se = SOCKET.matcher(text);
        long authenticated = after[0] - before[0];
        long anonymous = after[1] - before[1];
        return new Sample(requests, secs, p50, p99, non2xx, se.find() ? se.group(1).trim() : "none",
                providerAfter - providerBefore, authenticated, anonymous);
    }

    static double micros(double value, String unit) {
        return switch (unit) {
            case "us" -> value;
            case "ms" -> value * 1e3;
            case "s" -> value * 1e6;
            case "m" -> value * 60e6;
            default -> throw new IllegalArgumentException(unit);
        };
    }

    /** @return every request the provider received, all endpoints together */
    static int providerCalls(LocalPassageProvider provider) {
        int total = 0;
        for (Endpoint e : Endpoint.values()) {
            total += provider.requestCount(e);
        }
        return total;
    }

    static final Pattern STATS = Pattern.compile("authenticated=(\\d+) anonymous=(\\d+)");

    static long[] stats(HttpClient http, String base, String app) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(base + "/" + app + "/stats")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = STATS.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("stats: " + body);
        }
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String report(String server, List<Variant> variants, Map<String, List<Sample>> samples, String soteriaProblem,
                         int round, int rounds, int warmup) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "#### %s%n%n", server.equals("payara") ? "Payara Micro" : "WildFly"));
        b.append(String.format(Locale.ROOT, "wrk -t%s -c%s --latency, %d s warm-up per variant, then %d interleaved rounds of %d s per variant.%n%n",
                opt("threads", "2"), opt("connections", "16"), warmup, rounds, round));
        b.append("| Variant | | req/s (all rounds) | req/s min–max of rounds | p50 (median of rounds) | p99 (median of rounds) | requests | non-2xx | servlet saw anonymous | provider calls | provider calls / request |\n");
        b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, Double> rps = new LinkedHashMap<>();
        for (Variant v : variants) {
            List<Sample> list = samples.get(v.id());
            long requests = list.stream().mapToLong(Sample::requests).sum();
            double secs = list.stream().mapToDouble(Sample::seconds).sum();
            double total = requests / secs;
            rps.put(v.id(), total);
            double min = list.stream().mapToDouble(s -> s.requests() / s.seconds()).min().orElse(0);
            double max = list.stream().mapToDouble(s -> s.requests() / s.seconds()).max().orElse(0);
            long calls = list.stream().mapToLong(Sample::providerCalls).sum();
            long non2xx = list.stream().mapToLong(Sample::non2xx).sum();
            long anonymous = v.credential() == null ? 0 : list.stream().mapToLong(Sample::anonymous).sum();
            b.append(String.format(Locale.ROOT, "| (%s) | %s | %.0f | %.0f–%.0f | %.0f µs | %.0f µs | %d | %d | %s | %d | %s |%n",
                    v.id(), v.label(), total, min, max,
                    median(list.stream().map(Sample::p50us).toList()), median(list.stream().map(Sample::p99us).toList()),
                    requests, non2xx, v.credential() == null ? "n/a" : String.valueOf(anonymous), calls,
                    v.credential() == null ? "n/a" : String.format(Locale.ROOT, "%.6f", (double) calls / requests)));
        }
        b.append("\n");
        b.append(ratio(rps, "b", "a", 0.97, "≥ 0.97"));
        b.append(ratio(rps, "c", "a", -1, null));
        b.append(ratio(rps, "b", "c", 1.2, "≥ 1.2"));
        b.append(ratio(rps, "d", "a", -1, null));
        b.append(ratio(rps, "a'", "a", -1, null));
        b.append(ratio(rps, "e", "a", -1, null));
        b.append(ratio(rps, "b", "e", -1, null));
        b.append(ratio(rps, "c", "e", -1, null));
        if (soteriaProblem != null) {
            b.append("\n(c) not measured: Soteria's sign-in failed: ").append(soteriaProblem).append("\n");
        }
        return b.toString();
    }

    static String ratio(Map<String, Double> rps, String x, String y, double target, String targetText) {
        if (!rps.containsKey(x) || !rps.containsKey(y)) {
            return String.format(Locale.ROOT, "- %s/%s: not measured%n", x, y);
        }
        double value = rps.get(x) / rps.get(y);
        String verdict = target < 0 ? "" : String.format(Locale.ROOT, " (target %s: %s)", targetText, value >= target ? "reached" : "NOT reached");
        return String.format(Locale.ROOT, "- %s/%s (throughput) = %.3f%s%n", x, y, value, verdict);
    }

    static String random() {
        byte[] bytes = new byte[24];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }
}

package io.github.passage4j.it.loghygiene;

import io.github.passage4j.provider.PassageUser;
import io.github.passage4j.testkit.LocalPassageProviderExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the server logged while all the other suites ran: no line at INFO or above holds a token, the client secret, a
 * PKCE verifier, an authorization code, a state or a nonce, and there is no stack trace out of the library nor an
 * error with a stack trace at all (a request that made the server fail); no line at INFO or above holds personal data
 * of the test users (their {@code sub}, email or phone), and no sign-out made Weld warn.
 *
 * <p>Not an in-container test: it reads the log file after the fact, so it runs in a failsafe execution of its own
 * ({@code log-hygiene} in {@code arquillian/pom.xml}), after the one that ran every other suite, once per server
 * module. The server module names the log with the system property {@value #LOG} (the file; rotated files next to it
 * that start with its name are read too) and, when the file outlives a run, {@value #SINCE}: a pattern of the line
 * that starts this run's part (its last match). The exact values to look for are those the local provider saw,
 * written by {@code HostileProviderIT} to the file named by {@value #SEEN_VALUES}; the secret comes from
 * {@code PASSAGE_CLIENT_SECRET}.
 */
class LogHygieneIT {

    static final String LOG = "passage.it.server.log";
    static final String SINCE = "passage.it.server.log.since";
    static final String SEEN_VALUES = "passage.it.seen.values";

    /** A signed or unsigned JWT (header and payload are base64url JSON objects, so both start with {@code eyJ}). */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.");
    /** A protocol value in a URL or form, e.g. a callback URL logged with its query. */
    private static final Pattern PROTOCOL_PARAMETER = Pattern.compile(
            "\\b(code|code_verifier|state|nonce|access_token|id_token|refresh_token|client_secret|id_token_hint)"
                    + "=[A-Za-z0-9._~%-]{16,}");
    private static final Pattern ANSI_COLOUR = Pattern.compile("\u001B\\[[0-9;]*m");
    /** A record that starts with its time: {@code 2026-01-02 03:04:05,678 INFO  [logger] ...}. */
    private static final Pattern TIME_FIRST = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}[,.]\\d{3}\\S*\\s+([A-Z]+)\\s");
    /** A record in brackets (uniform/ODL format): {@code [2026-01-02T03:04:05.678+0000] [] [INFO] [] [logger] ...}. */
    private static final Pattern BRACKETED = Pattern.compile("^\\[\\d{4}-\\d{2}-\\d{2}T[^\\]]*\\]\\s*\\[[^\\]]*\\]\\s*\\[([A-Z]+)\\]");
    /**
     * A record of Open Liberty's messages.log (its "SIMPLE" format): {@code [12/3/26, 11:43:11:566 UTC] 00000001
     * com.ibm.ws.kernel.FrameworkManager    A CWWKE0001I: ...}, the level one letter (see {@link #LIBERTY_LEVELS}).
     */
    private static final Pattern LIBERTY = Pattern.compile(
            "^\\[\\d{1,2}/\\d{1,2}/\\d{2}, \\d{1,2}:\\d{2}:\\d{2}:\\d{3} [^\\]]*\\] [0-9a-f]{8} \\S+\\s+([A-Z]) ");
    /**
     * Liberty's level letters: audit and info, warning, error, fatal, the application's System.out and System.err (an
     * error, as WildFly logs it), config, detail.
     */
    private static final Map<String, String> LIBERTY_LEVELS = Map.of("A", "INFO", "I", "INFO", "W", "WARNING",
            "E", "ERROR", "F", "FATAL", "O", "INFO", "R", "ERROR", "C", "CONFIG", "D", "FINE");
    /**
     * A record of java.util.logging's SimpleFormatter, over two lines: {@code Nov 27, 2026 2:10:53 AM logger method},
     * then {@code WARNING: message}.
     */
    private static final Pattern SIMPLE_FORMATTER = Pattern.compile(
            "^\\S+ \\d{1,2}, \\d{4} \\d{1,2}:\\d{2}:\\d{2}(?: [AP]M)? \\S+");
    private static final Pattern SIMPLE_FORMATTER_LEVEL = Pattern.compile("^([A-Z]+): ");
    private static final Set<String> BELOW_INFO = Set.of("TRACE", "DEBUG", "FINE", "FINER", "FINEST", "CONFIG");
    private static final Set<String> WARNING_LEVELS = Set.of("WARN", "WARNING");
    /** A Weld message ({@code WELD-000717: ...}) or a record of a Weld logger ({@code [org.jboss.weld.Servlet]}). */
    private static final Pattern WELD = Pattern.compile("\\bWELD-\\d{6}\\b|\\borg\\.jboss\\.weld\\.");
    private static final Set<String> ERROR_LEVELS = Set.of("ERROR", "SEVERE", "FATAL", "ALERT", "EMERGENCY");
    private static final Pattern FRAME = Pattern.compile("^\\s*at\\s+\\S+\\(.*\\)\\s*$");
    /** A frame of the library (the suites' own classes, {@code io.github.passage4j.it}, are not the library). */
    private static final Pattern LIBRARY_FRAME = Pattern.compile("^\\s*at\\s+(?:\\S+//)?io\\.github\\.passage4j\\.(?!it\\.)");
    /**
     * The one deliberate failure with the library's frames: {@code MisconfigurationIT} deploys an app whose
     * {@code @PassageAuthenticationDefinition} is malformed, and the library fails that deployment from its CDI
     * extension, as it must; servers report a failed deployment with the stack trace of its cause.
     */
    private static final String DELIBERATE_DEPLOYMENT_FAILURE = "Passage4J: invalid @PassageAuthenticationDefinition settings";
    private static final Pattern DELIBERATE_FAILURE_FRAME = Pattern.compile(
            "^\\s*at\\s+(?:\\S+//)?io\\.github\\.passage4j\\.ee\\.PassageExtension\\.");

    /**
     * Open Liberty's own refusal of a path with an encoded slash or a backslash (HostileProviderIT sends such paths):
     * the server answers it before any app code runs, and logs it as an error with a stack trace of its own.
     */
    private static final String LIBERTY_REFUSED_PATH = "CWWWC0005I: The request URI has invalid or improperly encoded";

    /**
     * GlassFish's record of the JVM command line it starts the server with: the server system properties the build
     * sets (arquillian/pom.xml, e.g. the example's admin emails), not anything the library logged.
     */
    private static final String GLASSFISH_COMMAND_LINE = "NCLS-GFLAUNCHER-00005";

    private static List<Record> records;

    @BeforeAll
    static void readTheLog() throws IOException {
        String log = System.getProperty(LOG, "");
        if (log.isBlank() || log.startsWith("${")) {
            throw new IllegalStateException("System property " + LOG + " is not set: run through a server module "
                    + "(arquillian/wildfly or arquillian/payara), whose build names its server's log");
        }
        records = records(thisRun(lines(Path.of(log)), System.getProperty(SINCE, "")));
    }

    @Test
    void theServerLogOfThisRunIsRead() {
        System.out.println("LogHygieneIT: " + records.size() + " records (" + records.stream()
                .collect(Collectors.groupingBy(Record::level, TreeMap::new, Collectors.counting()))
                + "), " + checked().size() + " at INFO or above, in " + where());
        assertTrue(records.size() > 10, "the server log has " + records.size() + " records");
        assertTrue(records.stream().anyMatch(r -> r.text().contains("Passage4J: sign-in with")),
                "the log of this run holds the library's start-up line of the apps the suites deployed: " + where());
    }

    @Test
    void noTokenSecretVerifierOrCodeIsLoggedAtInfoOrAbove() throws IOException {
        List<String> secrets = new ArrayList<>();
        String secret = System.getenv("PASSAGE_CLIENT_SECRET");
        assertTrue(secret != null && secret.length() >= 8, "PASSAGE_CLIENT_SECRET is set: run through a server module");
        secrets.add(secret);
        List<String> seen = seenValues();
        secrets.addAll(seen);
        List<String> problems = new ArrayList<>();
        for (Record record : checked()) {
            String text = record.text();
            if (JWT.matcher(text).find()) {
                problems.add(record.describe("a JWT", secrets));
            }
            if (PROTOCOL_PARAMETER.matcher(text).find()) {
                problems.add(record.describe("a protocol parameter with its value", secrets));
            }
            if (text.contains(secret)) {
                problems.add(record.describe("the client secret", secrets));
            }
            for (String value : seen) {
                if (text.contains(value)) {
                    problems.add(record.describe("a code, PKCE verifier, state, nonce or access token the provider saw",
                            secrets));
                    break;
                }
            }
        }
        assertTrue(problems.isEmpty(), problems.size() + " log records at INFO or above hold a secret ("
                + seen.size() + " values the provider saw were looked for):\n" + String.join("\n", problems));
    }

    @Test
    void noSubjectEmailOrPhoneOfATestUserIsLoggedAtInfoOrAbove() {
        List<String> personal = new ArrayList<>();
        for (PassageUser user : List.of(LocalPassageProviderExtension.ALICE, LocalPassageProviderExtension.BOB)) {
            personal.add(user.sub());
            personal.add(user.email());
            if (user.phone() != null) {
                personal.add(user.phone());
            }
        }
        List<String> problems = new ArrayList<>();
        for (Record record : checked()) {
            String text = record.text();
            if (text.contains(GLASSFISH_COMMAND_LINE)) {
                continue;
            }
            personal.stream().filter(text::contains).findFirst().ifPresent(value ->
                    problems.add(record.describe("personal data of a test user (" + value + ")", List.of())));
        }
        assertTrue(problems.isEmpty(), problems.size() + " log records at INFO or above hold a test user's sub, email "
                + "or phone:\n" + String.join("\n", problems));
    }

    /**
     * A sign-out that invalidates the session inside the mechanism makes WildFly's Weld warn twice (WELD-000717 as the
     * logout request ends, WELD-000335 at the worker thread's next request); no Weld warning is expected at all.
     */
    @Test
    void weldLoggedNoWarning() {
        List<String> problems = new ArrayList<>();
        for (Record record : checked()) {
            // the logger and the message, not a stack trace (a failed deployment's runs through Weld's bootstrap)
            String head = String.join("\n", record.lines().subList(0, Math.min(2, record.lines().size())));
            if (WARNING_LEVELS.contains(record.level()) && WELD.matcher(head).find()) {
                problems.add(record.describe("a warning from Weld", List.of()));
            }
        }
        assertTrue(problems.isEmpty(), problems.size() + " Weld warnings:\n" + String.join("\n", problems));
    }

    @Test
    void noStackTraceFromTheLibraryAndNoErrorWithAStackTrace() {
        List<String> problems = new ArrayList<>();
        for (Record record : checked()) {
            boolean deliberate = record.text().contains(DELIBERATE_DEPLOYMENT_FAILURE);
            Predicate<String> libraryFrame = line -> LIBRARY_FRAME.matcher(line).find()
                    && !(deliberate && DELIBERATE_FAILURE_FRAME.matcher(line).find());
            if (record.lines().stream().anyMatch(libraryFrame)) {
                problems.add(record.describe("a stack trace through the library", List.of()));
            } else if (!deliberate && !record.text().contains(LIBERTY_REFUSED_PATH)
                    && ERROR_LEVELS.contains(record.level())
                    && record.lines().stream().anyMatch(line -> FRAME.matcher(line).matches())) {
                problems.add(record.describe("an error with a stack trace", List.of()));
            }
        }
        assertTrue(problems.isEmpty(), problems.size() + " log records with a stack trace:\n"
                + String.join("\n", problems));
    }

    // ------------------------------------------------------------------ reading the log

    /** One log record: its first line (with the level) and the lines that continue it (message, stack trace). */
    private record Record(String where, String level, List<String> lines) {

        String text() {
            return String.join("\n", lines);
        }

        /** Where it is and its first lines, with every secret value blanked out. */
        String describe(String problem, List<String> secrets) {
            String excerpt = lines.stream().limit(4).collect(Collectors.joining(" | "));
            for (String secret : secrets) {
                excerpt = excerpt.replace(secret, "<secret>");
            }
            excerpt = JWT.matcher(excerpt).replaceAll("<jwt>.");
            excerpt = PROTOCOL_PARAMETER.matcher(excerpt).replaceAll("$1=<value>");
            return "  " + where + " [" + level + "] " + problem + ": "
                    + (excerpt.length() > 400 ? excerpt.substring(0, 400) + "..." : excerpt);
        }
    }

    /** A line of a log file, and where it is. */
    private record Line(String where, String text) {
    }

    /** The records at INFO or above (records of unknown level are checked too). */
    private static List<Record> checked() {
        return records.stream().filter(r -> !BELOW_INFO.contains(r.level())).toList();
    }

    private static String where() {
        return System.getProperty(LOG) + " (since " + System.getProperty(SINCE, "its start") + ")";
    }

    /** The lines of the log and of its rotated siblings, oldest file first. */
    private static List<Line> lines(Path log) throws IOException {
        Path directory = log.toAbsolutePath().getParent();
        String name = log.getFileName().toString();
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().startsWith(name))
                    .filter(file -> !file.getFileName().toString().endsWith(".lck"))
                    .sorted(Comparator.comparing((Path file) -> file.toFile().lastModified())
                            .thenComparing(Path::toString))
                    .toList();
        }
        assertFalse(files.isEmpty(), "no log file " + name + "* in " + directory);
        List<Line> lines = new ArrayList<>();
        for (Path file : files) {
            List<String> content = List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\\R", -1));
            for (int i = 0; i < content.size(); i++) {
                lines.add(new Line(file.getFileName() + ":" + (i + 1), ANSI_COLOUR.matcher(content.get(i)).replaceAll("")));
            }
        }
        return lines;
    }

    /** The lines from the last one matching {@code since} on, or all of them without a pattern. */
    private static List<Line> thisRun(List<Line> lines, String since) {
        if (since.isBlank() || since.startsWith("${")) {
            return lines;
        }
        Pattern start = Pattern.compile(since);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (start.matcher(lines.get(i).text()).find()) {
                return lines.subList(i, lines.size());
            }
        }
        throw new AssertionError("no line of this run's start (" + since + ") in " + System.getProperty(LOG));
    }

    private static List<Record> records(List<Line> lines) {
        List<Record> found = new ArrayList<>();
        String where = null;
        String level = "UNKNOWN";
        List<String> current = new ArrayList<>();
        for (Line line : lines) {
            String recordLevel = levelOf(line.text());
            if (recordLevel == null && SIMPLE_FORMATTER.matcher(line.text()).find()) {
                recordLevel = "UNKNOWN"; // until the next line names it
            }
            Matcher secondLine = SIMPLE_FORMATTER_LEVEL.matcher(line.text());
            if (recordLevel == null && current.size() == 1 && "UNKNOWN".equals(level) && secondLine.find()
                    && SIMPLE_FORMATTER.matcher(current.get(0)).find()) {
                level = secondLine.group(1);
            }
            if (recordLevel != null) {
                if (!current.isEmpty()) {
                    found.add(new Record(where, level, current));
                }
                where = line.where();
                level = recordLevel;
                current = new ArrayList<>();
            } else if (where == null) {
                where = line.where();
            }
            if (!line.text().isBlank() || !current.isEmpty()) {
                current.add(line.text());
            }
        }
        if (!current.isEmpty()) {
            found.add(new Record(where, level, current));
        }
        return found;
    }

    private static String levelOf(String line) {
        for (Pattern header : List.of(TIME_FIRST, BRACKETED)) {
            Matcher matcher = header.matcher(line);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        Matcher liberty = LIBERTY.matcher(line);
        if (liberty.find()) {
            return LIBERTY_LEVELS.getOrDefault(liberty.group(1), "UNKNOWN");
        }
        return null;
    }

    /** The values the provider saw in this run (see {@code HostileProviderIT}), or none if it did not run. */
    private static List<String> seenValues() throws IOException {
        String file = System.getProperty(SEEN_VALUES, "");
        if (file.isBlank() || file.startsWith("${") || !Files.isRegularFile(Path.of(file))) {
            System.out.println("LogHygieneIT: no values seen by the provider at " + file
                    + " (HostileProviderIT did not run): looking for JWTs, parameters and the secret only");
            return List.of();
        }
        return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(value -> value.length() >= 16)
                .toList();
    }
}

package org.bizhall.buildcheck;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;

/**
 * Issue 9 item 6: {@code docs/errors.md} lists exactly the problem codes the code can answer with, so a client reading
 * it never meets an undocumented code and never waits for one that no longer exists.
 */
public class ProblemCodesDocumentedTest {
    private static final Pattern TICKED = Pattern.compile("`([^`]+)`");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*");

    /** The project's root: {@code bizhall.root} as the build sets it, else the nearest folder up with docs/errors.md. */
    static Path root() {
        String set = System.getProperty("bizhall.root");
        if (set != null) {
            return Path.of(set).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/errors.md")) && Files.isDirectory(dir.resolve("api"))) {
                return dir;
            }
        }
        throw new AssertionError("docs/errors.md not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * Codes in the first column of the tables of errors.md whose first heading is {@code code} (other tables, such as
     * the text limits, are not lists of codes); a family such as {@code HTTP_<status>} as {@code HTTP_<…>}.
     */
    static Set<String> documented(String markdown) {
        Set<String> codes = new TreeSet<>();
        boolean header = true;
        boolean codeTable = false;
        for (String line : markdown.split("\n")) {
            if (!line.startsWith("|")) {
                header = true;
                continue;
            }
            String first = line.split("\\|", -1)[1];
            if (header) {
                codeTable = first.trim().equals("code");
                header = false;
                continue;
            }
            if (!codeTable || line.startsWith("|---")) {
                continue;
            }
            Matcher ticked = TICKED.matcher(first);
            while (ticked.find()) {
                String token = ticked.group(1).trim();
                int family = token.indexOf('<');
                if (family > 0 && token.charAt(family - 1) == '_') {
                    codes.add(token.substring(0, family) + "<…>");
                } else if (CODE.matcher(token).matches()) {
                    codes.add(token);
                } else {
                    throw new AssertionError("errors.md: `" + token + "` in a code column is not a code: " + line);
                }
            }
        }
        return codes;
    }

    @Test
    public void errorsMdListsEveryCodeThrownAndNoOther() throws IOException {
        Path root = root();
        Set<String> documented = documented(Files.readString(root.resolve("docs/errors.md"), StandardCharsets.UTF_8));
        ThrownProblemCodes.Result thrown = ThrownProblemCodes.collect(root);

        Set<String> undocumented = new TreeSet<>(thrown.codes().keySet());
        undocumented.removeAll(documented);
        Set<String> unthrown = new TreeSet<>(documented);
        unthrown.removeAll(thrown.codes().keySet());

        StringBuilder report = new StringBuilder();
        if (!undocumented.isEmpty()) {
            report.append("thrown but not in docs/errors.md:\n");
            for (String code : undocumented) {
                report.append("  ").append(code).append("  ← ").append(String.join(", ", thrown.codes().get(code)))
                        .append('\n');
            }
        }
        if (!unthrown.isEmpty()) {
            report.append("in docs/errors.md but thrown nowhere: ").append(String.join(", ", unthrown)).append('\n');
        }
        if (!thrown.unresolved().isEmpty()) {
            report.append("code arguments whose value cannot be told from the source (use a literal or a String "
                    + "constant):\n  ").append(String.join("\n  ", thrown.unresolved())).append('\n');
        }
        if (report.length() > 0) {
            fail(report.toString());
        }
    }

    // The extraction itself, on code shaped like the project's, so a broken extractor cannot pass silently.

    @Test
    public void extractionFindsLiteralsConstantsHelpersLocalsSubclassesAndFamilies() throws IOException {
        Path root = Files.createTempDirectory("codes");
        Path src = Files.createDirectories(root.resolve("bundles/x/src/main/java/x"));
        Files.writeString(src.resolve("Codes.java"), """
                package x;
                public interface Codes {
                    String LOCKED = "THING_LOCKED";
                }
                """);
        Files.writeString(src.resolve("Thrower.java"), """
                package x;
                class Thrower {
                    private static final String GONE = "THING_GONE";
                    // ProblemException.rule("IN_A_COMMENT", "")
                    void a(boolean b) {
                        throw ProblemException
                                .rule("THING_RULE", "detail", "field");
                    }
                    void b() { throw ProblemException.notFound(GONE, "x"); }
                    void c() { throw new ProblemException(423, Codes.LOCKED, "x", null); }
                    void d(boolean b) { String code = b ? "THING_ONE" : "THING_TWO"; throw ProblemException.conflict(code, "x"); }
                    static RuntimeException word(String value, String missing, String invalid) {
                        return value == null ? ProblemException.badRequest(missing, "x", null)
                                : ProblemException.badRequest(invalid, "x", null);
                    }
                    void e() { word("v", "WORD_MISSING", "WORD_INVALID"); }
                    void f(int status) { Problem.of(status, "HTTP_" + status, "x", null); }
                    void g(ProblemException e) { throw new ProblemException(e.status(), e.code(), "x", null); }
                    void h() { new OrderProblem("ORDER_WENT_WRONG", "x"); audit.record("NOT_A_CODE"); }
                    void i(Object o) { throw ProblemException.rule(o.toString().isEmpty() ? "A_B" : "C_D", "x"); }
                    static String code(int status) {
                        return switch (status) { case 400 -> GONE; case 414 -> "URI_LONG"; default -> "HTTP_" + status; };
                    }
                    void j(int status) { Problem.of(status, code(status), "x", null); }
                    void k(String why) { throw ProblemException.storeBusy(why + ": try again"); }
                }
                """);
        Files.writeString(src.resolve("ProblemException.java"), """
                package x;
                public class ProblemException extends RuntimeException {
                    public static final String STORE_BUSY = "STORE_BUSY";
                    public static ProblemException storeBusy(String detail) {
                        return new ProblemException(503, STORE_BUSY, detail, null);
                    }
                }
                """);
        Files.writeString(src.resolve("Unavailable.java"), """
                package x;
                public class Unavailable extends ProblemException {
                    public static final String CODE = "DEVICE_GONE";
                    public Unavailable(String detail) { super(503, CODE, detail, null); }
                }
                """);
        ThrownProblemCodes.Result result = ThrownProblemCodes.collect(root);
        assertEquals(new TreeSet<>(List.of("A_B", "C_D", "DEVICE_GONE", "HTTP_<…>", "ORDER_WENT_WRONG", "STORE_BUSY",
                "THING_GONE", "THING_LOCKED", "THING_ONE", "THING_RULE", "THING_TWO", "URI_LONG", "WORD_INVALID",
                "WORD_MISSING")), result.codes().keySet());
        assertTrue(result.unresolved().toString(), result.unresolved().isEmpty());
    }

    @Test
    public void extractionReportsACodeItCannotTell() throws IOException {
        Path root = Files.createTempDirectory("codes");
        Path src = Files.createDirectories(root.resolve("api/src/main/java/x"));
        Files.writeString(src.resolve("Odd.java"), """
                package x;
                class Odd {
                    private final String code;
                    void a() { throw ProblemException.rule(code, "x"); }
                }
                """);
        ThrownProblemCodes.Result result = ThrownProblemCodes.collect(root);
        assertEquals(1, result.unresolved().size());
        assertTrue(result.unresolved().get(0), result.unresolved().get(0).startsWith("api/src/main/java/x/Odd.java:4"));
    }

    @Test
    public void documentedCodesAreTheFirstColumnOfTheTables() {
        String markdown = """
                # Problem codes
                Prose mentions `NOT_THIS`.
                | code | status | when |
                |---|---|---|
                | `ONE_CODE` | 400 | mentions `NOR_THIS` |
                | `TWO_A`, `TWO_B` / `TWO_C` | 422 | |
                | `HTTP_<status>` | that status | |

                | text | limit |
                |---|---|
                | a name (`customer.name`) | 200 |
                """;
        assertEquals(Set.of("ONE_CODE", "TWO_A", "TWO_B", "TWO_C", "HTTP_<…>"), documented(markdown));
    }
}

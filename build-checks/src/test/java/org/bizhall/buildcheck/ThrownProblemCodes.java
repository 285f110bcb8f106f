package org.bizhall.buildcheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The problem codes the main code can answer with, read from the sources: the code argument of every
 * {@code ProblemException} factory or constructor, {@code OrderProblem}, and the REST layer's {@code Problem.of}, and of
 * every method that passes one of its parameters on as such a code (found to a fixed point, so a helper like
 * {@code Requests.integer(value, "LIMIT_INVALID", "limit")} counts). A code argument may be a literal, a string constant
 * (in the file, qualified by its type, or statically imported), a local variable, or an expression of those
 * ({@code ok ? "A" : "B"}); a code re-thrown from another problem ({@code e.code()}) is found where it was made. A
 * literal prefix such as {@code "HTTP_" + status} counts as the family {@code HTTP_<…>}.
 *
 * <p>What it cannot tell (an identifier that is neither a parameter, a local, nor a known constant) is reported in
 * {@link Result#unresolved()} so a new way of throwing is noticed instead of silently missed.
 */
final class ThrownProblemCodes {
    /** Where codes come from: the call's text before its argument list, and which argument is the code. */
    private record Sink(Pattern call, int argument, String name, Source owner, String method) {
        Sink(Pattern call, int argument, String name) {
            this(call, argument, name, null, null);
        }

        /**
         * Whether a match of a helper's name calls that helper: {@code Type.m(} only for its own type, {@code new T(}
         * only for its constructor, and an unqualified or instance call only where no other method of that name is
         * declared (so a resource's own {@code notFound(id)} is not taken for {@code ProblemException.notFound}).
         */
        boolean calls(Source source, String newKeyword, String qualifier) {
            if (owner == null) {
                return true;
            }
            if (newKeyword != null) {
                return method.equals(owner.typeName());
            }
            if (qualifier != null && Character.isUpperCase(qualifier.charAt(0))) {
                return qualifier.equals(owner.typeName());
            }
            return source == owner || source.methods().stream().noneMatch(m -> m.name().equals(method));
        }
    }

    /** One source file with comments blanked out (offsets kept) and its methods. */
    private record Source(Path path, String typeName, String text, List<Method> methods) {
        Method enclosing(int offset) {
            Method found = null;
            for (Method m : methods) {
                if (m.bodyStart() <= offset && offset < m.bodyEnd()
                        && (found == null || m.bodyStart() > found.bodyStart())) {
                    found = m;
                }
            }
            return found;
        }

        int line(int offset) {
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }
    }

    private record Method(String name, List<String> parameters, int parametersOpen, int bodyStart, int bodyEnd) {
    }

    /** Codes with the places that throw them, and the code arguments that could not be resolved. */
    record Result(Map<String, Set<String>> codes, List<String> unresolved) {
    }

    /** The constructor call of a subclass of ProblemException, e.g. {@code super(503, CODE, detail, null)}. */
    private static final String SUBCLASS = "super in a ProblemException";
    private static final Pattern UPPER_SNAKE = Pattern.compile("[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern CONSTANT = Pattern.compile(
            "\\bString\\s+([A-Z][A-Z0-9_]*)\\s*=\\s*\"([A-Z][A-Z0-9_]*)\"\\s*;");
    private static final Pattern METHOD = Pattern.compile(
            "(?<![\\w.])(\\w+)\\s*\\(([^()]*)\\)\\s*(?:throws\\s+[\\w.,\\s]+)?\\{");
    private static final Pattern QUALIFIED = Pattern.compile("\\b([A-Z]\\w*)\\.([A-Z][A-Z0-9_]*)\\b");
    private static final Pattern OWN_CALL = Pattern.compile("(?s)\\s*([a-z]\\w*)\\s*\\(.*\\)\\s*");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_]\\w*");
    private static final Set<String> KEYWORDS = Set.of("if", "for", "while", "switch", "catch", "synchronized",
            "return", "new", "else", "try", "do");

    private ThrownProblemCodes() {
    }

    /** The main Java sources of the platform: the api module and every bundle (test fixtures are not shipped). */
    static List<Path> mainSources(Path root) {
        List<Path> dirs = new ArrayList<>();
        Path api = root.resolve("api/src/main/java");
        if (Files.isDirectory(api)) {
            dirs.add(api);
        }
        for (String parent : List.of("bundles", "provinces")) {
            Path dir = root.resolve(parent);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> modules = Files.list(dir)) {
                    modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).forEach(dirs::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        List<Path> files = new ArrayList<>();
        for (Path dir : dirs) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    static Result collect(Path root) {
        List<Source> sources = new ArrayList<>();
        for (Path file : mainSources(root)) {
            try {
                String text = blankComments(Files.readString(file, StandardCharsets.UTF_8));
                String type = file.getFileName().toString().replace(".java", "");
                sources.add(new Source(root.relativize(file), type, text, methods(text)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Map<String, Set<String>> constantsByName = new HashMap<>();
        Map<String, String> constantsQualified = new HashMap<>();
        for (Source s : sources) {
            Matcher m = CONSTANT.matcher(s.text());
            while (m.find()) {
                constantsByName.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
                constantsQualified.put(s.typeName() + "." + m.group(1), m.group(2));
            }
        }

        List<Sink> sinks = new ArrayList<>(List.of(
                // every factory takes the code first but storeBusy(detail), whose code is found in its own body
                new Sink(Pattern.compile("\\bProblemException\\s*\\.\\s*(?!storeBusy\\b)\\w+\\s*\\("), 0,
                        "ProblemException.*"),
                new Sink(Pattern.compile("\\bnew\\s+ProblemException\\s*\\("), 1, "new ProblemException"),
                new Sink(Pattern.compile("\\bnew\\s+OrderProblem\\s*\\("), 0, "new OrderProblem"),
                new Sink(Pattern.compile("\\bProblem\\s*\\.\\s*of\\s*\\("), 1, "Problem.of"),
                new Sink(Pattern.compile("\\bsuper\\s*\\("), 1, SUBCLASS)));
        Set<String> sinkNames = new LinkedHashSet<>();
        sinks.forEach(s -> sinkNames.add(s.name()));

        Map<String, Set<String>> codes = new TreeMap<>();
        List<String> unresolved = new ArrayList<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            codes.clear();
            unresolved.clear();
            for (Sink sink : List.copyOf(sinks)) {
                for (Source s : sources) {
                    if (sink.name().equals(SUBCLASS) && !s.text().contains("extends ProblemException")) {
                        continue;
                    }
                    Matcher call = sink.call().matcher(s.text());
                    while (call.find()) {
                        int open = call.end() - 1;
                        if (sink.owner() != null && !sink.calls(s, call.group(1), call.group(2))) {
                            continue;
                        }
                        if (s.methods().stream().anyMatch(m -> m.parametersOpen() == open)) {
                            continue; // the helper's own declaration, not a call
                        }
                        Method enclosing = s.enclosing(open);
                        List<String> args = arguments(s.text(), open);
                        if (args.size() <= sink.argument()) {
                            continue;
                        }
                        String arg = args.get(sink.argument()).trim();
                        String where = s.path() + ":" + s.line(call.start());
                        if (enclosing != null && enclosing.parameters().contains(arg)) {
                            String derived = s.typeName() + "." + enclosing.name() + "#"
                                    + enclosing.parameters().indexOf(arg);
                            if (sinkNames.add(derived)) {
                                sinks.add(new Sink(Pattern.compile("(?<![\\w$.])(?:(new)\\s+|([A-Za-z_]\\w*)\\s*\\.\\s*)?"
                                        + Pattern.quote(enclosing.name()) + "\\s*\\("),
                                        enclosing.parameters().indexOf(arg), derived, s, enclosing.name()));
                                grew = true;
                            }
                            continue;
                        }
                        resolve(arg, s, enclosing, constantsByName, constantsQualified, where, codes, unresolved);
                    }
                }
            }
        }
        return new Result(codes, List.copyOf(unresolved));
    }

    private static void resolve(String arg, Source s, Method enclosing, Map<String, Set<String>> byName,
            Map<String, String> qualified, String where, Map<String, Set<String>> codes, List<String> unresolved) {
        if (arg.equals("null")) {
            return;
        }
        Matcher helper = OWN_CALL.matcher(arg);
        if (helper.matches()) {
            // a code computed by a method of the same file, e.g. code(status) -> switch of literals and constants
            for (Method m : s.methods()) {
                if (m.name().equals(helper.group(1))) {
                    String body = s.text().substring(m.bodyStart(), m.bodyEnd());
                    Matcher lit = LITERAL.matcher(body);
                    boolean any = false;
                    while (lit.find()) {
                        String value = lit.group(1);
                        if (UPPER_SNAKE.matcher(value).matches()) {
                            add(codes, value, where);
                            any = true;
                        } else if (value.endsWith("_")
                                && UPPER_SNAKE.matcher(value.substring(0, value.length() - 1)).matches()) {
                            add(codes, value + "<…>", where);
                            any = true;
                        }
                    }
                    Matcher id = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b").matcher(LITERAL.matcher(body).replaceAll(" "));
                    while (id.find()) {
                        Set<String> local = localConstants(s, id.group());
                        Set<String> values = local.isEmpty() ? byName.getOrDefault(id.group(), Set.of()) : local;
                        values.forEach(v -> add(codes, v, where));
                        any |= !values.isEmpty();
                    }
                    if (!any) {
                        unresolved.add(where + ": " + arg);
                    }
                    return;
                }
            }
        }
        String rest = arg;
        boolean found = false;
        Matcher lit = LITERAL.matcher(arg);
        while (lit.find()) {
            String value = lit.group(1);
            if (UPPER_SNAKE.matcher(value).matches()) {
                add(codes, value, where);
                found = true;
            } else if (value.endsWith("_") && UPPER_SNAKE.matcher(value.substring(0, value.length() - 1)).matches()) {
                add(codes, value + "<…>", where);
                found = true;
            }
        }
        rest = LITERAL.matcher(rest).replaceAll(" ");
        Matcher q = QUALIFIED.matcher(rest);
        while (q.find()) {
            String value = qualified.get(q.group(1) + "." + q.group(2));
            if (value != null) {
                add(codes, value, where);
                found = true;
            }
        }
        rest = QUALIFIED.matcher(rest).replaceAll(" ");
        // a code passed on from another problem or from the store (e.code(), entity.problemCode) was made elsewhere
        if (!found && rest.matches("(?s)\\s*[a-z]\\w*\\s*(?:\\.\\s*\\w+\\s*)+(?:\\(\\s*\\))?\\s*")) {
            return;
        }
        Matcher id = IDENTIFIER.matcher(rest);
        boolean unknown = false;
        while (id.find()) {
            String name = id.group();
            Set<String> values = byName.get(name);
            if (values != null) {
                Set<String> local = localConstants(s, name);
                for (String v : local.isEmpty() ? values : local) {
                    add(codes, v, where);
                }
                found = true;
                continue;
            }
            Set<String> assigned = enclosing == null ? Set.of() : localAssignments(s, enclosing, name);
            if (!assigned.isEmpty()) {
                assigned.forEach(v -> add(codes, v, where));
                found = true;
            } else if (UPPER_SNAKE.matcher(name).matches() && name.contains("_") || name.equals(arg)) {
                unknown = true; // a constant of no known value, or a field: cannot be told
            }
        }
        if (!found || unknown) {
            unresolved.add(where + ": " + arg);
        }
    }

    private static Set<String> localConstants(Source s, String name) {
        Set<String> values = new TreeSet<>();
        Matcher m = CONSTANT.matcher(s.text());
        while (m.find()) {
            if (m.group(1).equals(name)) {
                values.add(m.group(2));
            }
        }
        return values;
    }

    /** The UPPER_SNAKE literals assigned to a local variable of the method ({@code String code = ok ? "A" : "B";}). */
    private static Set<String> localAssignments(Source s, Method method, String name) {
        Set<String> values = new TreeSet<>();
        String body = s.text().substring(method.bodyStart(), method.bodyEnd());
        Matcher m = Pattern.compile("(?<![\\w.])" + Pattern.quote(name) + "\\s*=(?!=)([^;]*);").matcher(body);
        while (m.find()) {
            Matcher lit = LITERAL.matcher(m.group(1));
            while (lit.find()) {
                if (UPPER_SNAKE.matcher(lit.group(1)).matches()) {
                    values.add(lit.group(1));
                }
            }
        }
        return values;
    }

    private static void add(Map<String, Set<String>> codes, String code, String where) {
        codes.computeIfAbsent(code, k -> new TreeSet<>()).add(where);
    }

    /** The top-level comma-separated arguments of the call whose '(' is at {@code open}. */
    static List<String> arguments(String text, int open) {
        List<String> args = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                int end = skipLiteral(text, i);
                current.append(text, i, end);
                i = end - 1;
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) {
                    if (!current.toString().isBlank() || !args.isEmpty()) {
                        args.add(current.toString());
                    }
                    return args;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                args.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        return args;
    }

    private static int skipLiteral(String text, int start) {
        char quote = text.charAt(start);
        if (quote == '"' && text.startsWith("\"\"\"", start)) {
            int end = text.indexOf("\"\"\"", start + 3);
            return end < 0 ? text.length() : end + 3;
        }
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote || c == '\n') {
                return i + 1;
            }
        }
        return text.length();
    }

    /** Comments replaced by spaces (line breaks kept), so offsets and line numbers stay those of the file. */
    static String blankComments(String text) {
        StringBuilder out = new StringBuilder(text);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = skipLiteral(text, i) - 1;
            } else if (text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                end = end < 0 ? text.length() : end;
                blank(out, i, end);
                i = end - 1;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 2;
                blank(out, i, end);
                i = end - 1;
            }
        }
        return out.toString();
    }

    private static void blank(StringBuilder out, int from, int to) {
        for (int i = from; i < to; i++) {
            if (out.charAt(i) != '\n') {
                out.setCharAt(i, ' ');
            }
        }
    }

    /** Method and constructor declarations with their parameter names and body extents. */
    private static List<Method> methods(String text) {
        List<Method> methods = new ArrayList<>();
        Matcher m = METHOD.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            if (KEYWORDS.contains(name)) {
                continue;
            }
            List<String> parameters = new ArrayList<>();
            String params = m.group(2).replaceAll("<[^<>]*>", "").replaceAll("@\\w+(\\([^)]*\\))?", " ");
            boolean declaration = true;
            if (!params.isBlank()) {
                for (String p : params.split(",")) {
                    String[] words = p.trim().split("\\s+");
                    if (words.length < 2) {
                        declaration = false; // a call such as foo(bar) { ... } is not a declaration
                        break;
                    }
                    parameters.add(words[words.length - 1].replace("...", ""));
                }
            }
            if (!declaration) {
                continue;
            }
            int bodyStart = m.end() - 1;
            methods.add(new Method(name, parameters, m.start(2) - 1, bodyStart, matchingBrace(text, bodyStart)));
        }
        return methods;
    }

    private static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = skipLiteral(text, i) - 1;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i + 1;
            }
        }
        return text.length();
    }
}

package io.sgstream.pglambda.js;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user's script as the engine sees it: wrapped as the body of a function whose parameters are the scope of the
 * StackGres contract ({@code event}, {@code request}, {@code response}) plus ours ({@code change}, {@code reply},
 * {@code drop}). A function body, not a program, so {@code const} declarations start fresh for every event and
 * {@code return} ends the handling early. The wrapper opens on the script's first line, so line numbers are the
 * user's; columns on line 1 are shifted back here.
 */
final class JsScript {

    static final String PARAMETERS = "event, request, response, change, reply, drop";
    private static final String PREFIX = "(function (" + PARAMETERS + ") {";
    // A newline first, so a script ending in a // comment does not swallow the closing brace.
    private static final String SUFFIX = "\n})";
    private static final Source RUNTIME = runtimeSource();
    private static final Pattern LOCATION = Pattern.compile("^(?:\\w*Error: )?\\S+:\\d+:\\d+ (.*)$");

    private final String name;
    private final Source user;
    private final int lines;
    private final int lastLineLength;

    JsScript(String script, String name) {
        this.name = name;
        // Cached sources are parsed once per engine and shared by every context created from it.
        this.user = Source.newBuilder("js", PREFIX + script + SUFFIX, name).cached(true).buildLiteral();
        String[] split = script.split("\n", -1);
        this.lines = split.length;
        this.lastLineLength = split[split.length - 1].length();
    }

    String name() {
        return name;
    }

    Source runtime() {
        return RUNTIME;
    }

    Source user() {
        return user;
    }

    ScriptCompileException compileError(PolyglotException e) {
        SourceSection at = e.getSourceLocation();
        String detail = detail(e.getMessage());
        if (at == null || !at.isAvailable()) {
            return new ScriptCompileException(name, 1, 1, detail);
        }
        int line = at.getStartLine();
        int column = at.getStartColumn();
        if (line > lines) { // reported in the closing wrapper, e.g. a brace left open: point at the script's end
            return new ScriptCompileException(name, lines, lastLineLength + 1, detail);
        }
        return new ScriptCompileException(name, line, userColumn(line, column), detail);
    }

    /**
     * Whether the function the wrapped source evaluated to is the wrapper itself, spanning the whole source; a
     * script with an unbalanced {@code })} could otherwise close the wrapper and run code of its own at load time.
     */
    boolean isWholeWrapper(SourceSection function) {
        int length = user.getCharacters().length();
        return function != null && function.isAvailable() && function.getSource().equals(user)
                && function.getCharIndex() == 1 && function.getCharEndIndex() == length - 1;
    }

    ScriptCompileException notAFunctionBody() {
        return new ScriptCompileException(name, 1, 1,
                "the script must be a function body; it closes the function it is run in");
    }

    /** The error a script raised while handling an event, with where it happened in the script. */
    String describe(PolyglotException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            SourceSection at = frame.getSourceLocation();
            if (frame.isGuestFrame() && at != null && at.isAvailable() && at.getSource().equals(user)) {
                int line = Math.min(at.getStartLine(), lines);
                return message + " (" + name + ":" + line + ":" + userColumn(line, at.getStartColumn()) + ")";
            }
        }
        return message;
    }

    private static int userColumn(int line, int column) {
        return line == 1 ? Math.max(1, column - PREFIX.length()) : column;
    }

    private static String detail(String message) {
        if (message == null) {
            return "syntax error";
        }
        String first = message.lines().findFirst().orElse(message);
        Matcher m = LOCATION.matcher(first);
        return m.matches() ? m.group(1) : first;
    }

    private static Source runtimeSource() {
        try (InputStream in = JsScript.class.getResourceAsStream("pglambda-runtime.js")) {
            if (in == null) {
                throw new IllegalStateException("pglambda-runtime.js missing from the classpath");
            }
            return Source.newBuilder("js", new String(in.readAllBytes(), StandardCharsets.UTF_8), "pglambda-runtime.js")
                    .internal(true).cached(true).buildLiteral();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.sgstream.pglambda.js;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The output stream a context writes {@code console} output to, cut into lines for a {@link ScriptConsole}. A line
 * is capped so a script printing without newlines cannot grow the buffer without bound.
 */
final class ConsoleStream extends OutputStream {

    static final int MAX_LINE_BYTES = 64 * 1024;

    private final ScriptConsole console;
    private final ScriptConsole.Stream stream;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    ConsoleStream(ScriptConsole console, ScriptConsole.Stream stream) {
        this.console = console;
        this.stream = stream;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit();
        } else if (line.size() < MAX_LINE_BYTES) {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public synchronized void flush() {
        if (line.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        console.line(stream, text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
    }
}

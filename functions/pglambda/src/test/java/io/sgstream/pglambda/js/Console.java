package io.sgstream.pglambda.js;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects what scripts print, to assert on it. */
public final class Console implements ScriptConsole {

    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();

    @Override
    public void line(Stream stream, String line) {
        (stream == Stream.OUT ? out : err).add(line);
    }

    public List<String> out() {
        return out;
    }

    public List<String> err() {
        return err;
    }
}

package io.sgstream.pglambda.js;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Receives what a script prints with {@code console.log} (OUT) and {@code console.error}/{@code warn} (ERR), line by line. */
@FunctionalInterface
public interface ScriptConsole {

    enum Stream { OUT, ERR }

    void line(Stream stream, String line);

    /** Lines go to the log category {@code io.sgstream.pglambda.script}: OUT at INFO, ERR at WARN. */
    static ScriptConsole logging() {
        Logger log = LoggerFactory.getLogger("io.sgstream.pglambda.script");
        return (stream, line) -> {
            if (stream == Stream.ERR) {
                log.warn(line);
            } else {
                log.info(line);
            }
        };
    }

    static ScriptConsole discarding() {
        return (stream, line) -> { };
    }
}

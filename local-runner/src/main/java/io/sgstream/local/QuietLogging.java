package io.sgstream.local;

import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/** The runner's own output is the live view: libraries log warnings and errors only. */
final class QuietLogging {

    private QuietLogging() {
    }

    static void apply() {
        Logger root = LogManager.getLogManager().getLogger("");
        root.setLevel(Level.WARNING);
        for (var handler : root.getHandlers()) {
            handler.setLevel(Level.WARNING);
        }
    }
}

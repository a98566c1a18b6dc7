package io.sgstream.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The runner as a child JVM, as {@code scripts/sgstream-local} starts it, so a test can SIGKILL it
 * ({@link Process#destroyForcibly()}: no shutdown hook, nothing flushed). Output is appended to a log file.
 */
final class ChildRunner {

    private ChildRunner() {
    }

    /** @param environment added to this JVM's environment (e.g. {@code SGSTREAM_SECRET_*} variables) */
    static Process launch(List<String> args, Map<String, String> environment, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-cp", System.getProperty("java.class.path"),
                LocalRunner.class.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(environment);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return pb.start();
    }
}

package io.sgstream.capture;

import io.sgstream.testing.PostgresExtension;
import io.sgstream.testing.PostgresServer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The capture as a child JVM ({@link CaptureMain}), so a test can kill it with SIGKILL and start it again. */
final class CaptureChild {

    private CaptureChild() {
    }

    /** Starts {@link CaptureMain} on the test classpath, its output appended to {@code log}. */
    static Process launch(Path props, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-cp", System.getProperty("java.class.path"), CaptureMain.class.getName(), props.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return pb.start();
    }

    /** The child's properties capturing {@code public.items} of {@code db} into {@code endpoint}, plus {@code extra}. */
    static String settings(RecordingEndpoint endpoint, PostgresExtension pg, String db, String streamName, String... extra) {
        List<String> lines = new ArrayList<>(List.of(
                "sink.url=" + endpoint.url(),
                "sink.max-in-flight=32",
                "stream.namespace=test",
                "stream.name=" + streamName,
                "source.host=" + pg.server().host(),
                "source.port=" + pg.server().port(),
                "source.database=" + db,
                "source.user=" + PostgresServer.USER,
                "source.password=" + PostgresServer.PASSWORD));
        lines.addAll(List.of(extra));
        lines.add("debezium.table.include.list=public\\\\.items");
        lines.add("commit-interval-ms=200");
        return String.join("\n", lines);
    }
}

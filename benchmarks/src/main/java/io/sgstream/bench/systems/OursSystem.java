package io.sgstream.bench.systems;

import io.sgstream.bench.ours.OursPipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Our pipeline: capture service → local broker (Trigger semantics of Knative, in process) → sgcluster-apply, one
 * JVM, wired like the local runner ({@link OursPipeline}).
 */
public final class OursSystem implements ReplicationSystem {

    private final List<String> jvmOptions;
    private final Path logs;
    private final Path jfrDirectory;

    public OursSystem(List<String> jvmOptions, Path logs, Path jfrDirectory) {
        this.jvmOptions = jvmOptions;
        this.logs = logs;
        this.jfrDirectory = jfrDirectory;
    }

    @Override
    public String name() {
        return "ours";
    }

    @Override
    public String description() {
        return "SGStream: capture-service → local broker (in process, Trigger filters) → sgcluster-apply, one JVM";
    }

    @Override
    public Running start(Server source, String sourceDb, Server target, String targetDb, String phase) throws Exception {
        return start(source, sourceDb, "apply", target.url(targetDb), target, phase);
    }

    /** {@code mode}: apply (into {@code target}), http (CloudEvents to the URL), function (a trivial function behind the broker). */
    public ChildJvm start(Server source, String sourceDb, String mode, String targetOrUrl, Server credentials, String phase)
            throws Exception {
        List<String> options = new ArrayList<>(jvmOptions);
        if (jfrDirectory != null) {
            options.add("-XX:StartFlightRecording=filename=" + jfrDirectory.resolve(phase + ".jfr") + ",settings=profile");
        }
        return ChildJvm.start(System.getProperty("java.class.path"), options, OursPipeline.class.getName(),
                List.of(source.url(sourceDb), mode, targetOrUrl, credentials.user(), credentials.password(), "bench-" + phase.replace('_', '-')),
                logs.resolve("ours-" + phase + ".log"));
    }
}

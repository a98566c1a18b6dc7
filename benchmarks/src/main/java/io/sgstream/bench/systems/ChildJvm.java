package io.sgstream.bench.systems;

import io.sgstream.bench.measure.ProcessStats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A pipeline in its own JVM, so its CPU and RSS are its own: started with a main class, it prints {@code READY}
 * once running, {@code STATUS ...} lines while it runs, {@code FAILED ...} when it breaks, and stops when its
 * standard input closes. Its standard error goes to a log file next to the results.
 */
public final class ChildJvm implements ReplicationSystem.Running {

    private final Process process;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Path log;
    private volatile String failure;
    private volatile String lastStatus = "";
    private volatile String done;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
        Thread reader = new Thread(this::read, "child-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    public static ChildJvm start(String classpath, List<String> jvmOptions, String mainClass, List<String> args, Path log)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        ChildJvm child = new ChildJvm(process, log);
        if (!child.ready.await(3, TimeUnit.MINUTES) || child.failure != null) {
            child.close();
            throw new IllegalStateException(mainClass + " did not start: " + (child.failure != null ? child.failure
                    : "no READY within 3 minutes") + " (log " + log + ")");
        }
        return child;
    }

    /** Also keeps every STATUS line with its time in {@code <log>.status}: the timeline shows which stage fell behind. */
    private void read() {
        long start = System.nanoTime();
        Path timeline = Path.of(log + ".status");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             var status = Files.newBufferedWriter(timeline)) {
            String line;
            while ((line = in.readLine()) != null) {
                status.write((System.nanoTime() - start) / 1_000_000 + " " + line + "\n");
                if (line.equals("READY")) {
                    ready.countDown();
                } else if (line.startsWith("STATUS ")) {
                    lastStatus = line.substring(7);
                } else if (line.startsWith("FAILED")) {
                    failure = line;
                    ready.countDown();
                } else if (line.startsWith("DONE")) {
                    done = line;
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        if (done == null && failure == null) {
            failure = "the process exited (" + log + ")";
        }
        ready.countDown();
    }

    public long pid() {
        return process.pid();
    }

    /** The last STATUS line's fields. */
    public String[] status() {
        return lastStatus.isEmpty() ? new String[0] : lastStatus.split(" ");
    }

    @Override
    public double cpuSeconds() {
        return ProcessStats.cpuSeconds(process.pid(), true);
    }

    @Override
    public long peakRssBytes() {
        return ProcessStats.peakRssBytes(process.pid());
    }

    @Override
    public void resetPeak() {
        try {
            Files.writeString(Path.of("/proc", Long.toString(process.pid()), "clear_refs"), "5"); // resets VmHWM
        } catch (IOException | RuntimeException e) {
            // not allowed: the peak then covers the process's whole life, still an upper bound
        }
    }

    @Override
    public String failure() {
        return failure;
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}

package io.sgstream.bench.measure;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where our pipeline's CPU went, from a JFR recording's execution samples: each sample is charged to the stage of
 * the innermost frame of our code or Debezium's (so pgjdbc or Jackson time counts for the stage that called it),
 * and that frame is the hot method listed (the profile is flat at the leaves: HashMap, String hashing, Jackson). Stages: Debezium decoding, capture (event building), serialization
 * (the event contract's codec), broker, staging and apply in sgcluster-apply.
 */
public final class JfrSummary {

    private JfrSummary() {
    }

    static String stage(String className) {
        if (className.startsWith("io.sgstream.apply.staging")) {
            return "apply: staging";
        }
        if (className.startsWith("io.sgstream.apply")) {
            return "apply: apply";
        }
        if (className.startsWith("io.sgstream.broker") || className.startsWith("io.sgstream.local.wiring")) {
            return "broker";
        }
        if (className.startsWith("io.sgstream.event")) {
            return "serialization (event contract)";
        }
        if (className.startsWith("io.sgstream.capture")) {
            return "capture (events from Debezium records)";
        }
        if (className.startsWith("io.debezium") || className.startsWith("org.apache.kafka")) {
            return "Debezium (pgoutput decoding, engine)";
        }
        return null;
    }

    public static String summarize(Path recording, int topMethods) throws IOException {
        Map<String, Long> stageSamples = new HashMap<>();
        Map<String, Map<String, Long>> hot = new HashMap<>();
        long total = 0;
        long compileMillis = 0;
        java.time.Duration gcPauses = java.time.Duration.ZERO;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            String type = e.getEventType().getName();
            if (type.equals("jdk.CompilerStatistics")) {
                // cumulative, so the last one counts: JIT compiler threads are not in the execution samples
                compileMillis = Math.max(compileMillis, e.getDuration("totalTimeSpent").toMillis());
            }
            if (type.equals("jdk.GarbageCollection")) {
                gcPauses = gcPauses.plus(e.getDuration("sumOfPauses"));
            }
            if (!type.equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace trace = e.getStackTrace();
            if (trace == null || trace.getFrames().isEmpty()) {
                continue;
            }
            total++;
            List<RecordedFrame> frames = trace.getFrames();
            String stage = "other (JVM, GC, Vert.x, JDBC outside our stages)";
            RecordedFrame owner = frames.get(0);
            for (RecordedFrame f : frames) {
                String s = f.getMethod() == null ? null : stage(f.getMethod().getType().getName());
                if (s != null) {
                    stage = s;
                    owner = f;
                    break;
                }
            }
            String method = owner.getMethod() == null ? "?" : owner.getMethod().getType().getName() + "." + owner.getMethod().getName();
            stageSamples.merge(stage, 1L, Long::sum);
            hot.computeIfAbsent(stage, k -> new HashMap<>()).merge(method, 1L, Long::sum);
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format("%,d execution samples in %s; JIT compilation %.1f s, GC pauses %.1f s (neither is in the samples)%n",
                total, recording.getFileName(), compileMillis / 1000.0, gcPauses.toMillis() / 1000.0));
        long all = Math.max(1, total);
        Map<String, Long> sorted = new LinkedHashMap<>();
        stageSamples.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(en -> sorted.put(en.getKey(), en.getValue()));
        sorted.forEach((stage, n) -> {
            out.append(String.format("  %5.1f%%  %s%n", 100.0 * n / all, stage));
            hot.get(stage).entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(topMethods)
                    .forEach(m -> out.append(String.format("           %5.1f%%  %s%n", 100.0 * m.getValue() / all, m.getKey())));
        });
        return out.toString();
    }

    public static void main(String[] args) throws IOException {
        for (String file : args) {
            System.out.println(summarize(Path.of(file), 5));
        }
    }
}

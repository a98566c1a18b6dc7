package io.sgstream.capture.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.sgstream.event.CloudEventsHttp;
import io.sgstream.event.Column;
import io.sgstream.event.EventCodec;
import io.sgstream.event.Op;
import io.sgstream.event.Position;
import io.sgstream.event.RowChange;
import io.sgstream.event.StreamId;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntUnaryOperator;

/**
 * CPU nanoseconds per call of the per-event steps of the contract (on this thread only, so other processes on a
 * shared machine hardly matter), and of what they replaced: {@code JsonNode.toString()} for the partition key and
 * {@code URI.create} for the source. Run with {@code scripts/bench-capture --mode micro}.
 */
final class PerEventCostBench {

    private static final int CALLS = 200_000;
    private static final int ROUNDS = 7;
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final StreamId stream = new StreamId("bench", "bench");
    private final RowChange[] changes = new RowChange[1024];
    private volatile Object sink; // keeps results alive so nothing is optimized away

    PerEventCostBench() {
        List<Column> columns = List.of(new Column("id", "integer", true), new Column("name", "text", false),
                new Column("v", "integer", false), new Column("note", "text", false));
        for (int i = 0; i < changes.length; i++) {
            ObjectNode key = NODES.objectNode().put("id", (long) i);
            ObjectNode after = NODES.objectNode().put("id", (long) i).put("name", "name " + i).put("v", (long) i)
                    .put("note", "a note about row " + i);
            changes[i] = new RowChange(stream, "20261206000000000", new Position(1, i + 1), Op.CREATE, "public",
                    "bench", columns, key, null, after, null, "0/16B3748", 745L, Instant.now());
        }
    }

    void run() {
        List<Step> steps = List.of(
                new Step("partitionkey, before: table + \":\" + JsonNode.toString()",
                        i -> (changes[i & 1023].qualifiedTable() + ":" + changes[i & 1023].key().toString()).length()),
                new Step("partitionkey, now: RowChange.partitionKey()",
                        i -> changes[i & 1023].partitionKey().length()),
                new Step("source, before: URI.create per event",
                        i -> URI.create("/sgstream/" + stream.namespace() + "/" + stream.name()).hashCode()),
                new Step("source, now: StreamId.source()", i -> stream.source().hashCode()),
                new Step("whole EventCodec.toCloudEvent(change)",
                        i -> EventCodec.toCloudEvent(changes[i & 1023]).getExtensionNames().size()),
                new Step("CloudEventsHttp.writeBinary (headers + body)", this::writeBinary));
        for (Step step : steps) { // warm-up: let the JIT compile every step first
            measure(step, CALLS);
        }
        long[][] nanos = new long[steps.size()][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) { // interleaved rounds: drifts hit every step alike
            for (int s = 0; s < steps.size(); s++) {
                nanos[s][round] = measure(steps.get(s), CALLS);
            }
        }
        System.out.printf(Locale.ROOT, "%n%-62s %14s%n", "per-event step (" + CALLS + " calls x " + ROUNDS + " rounds)",
                "CPU ns/call (median)");
        for (int s = 0; s < steps.size(); s++) {
            long[] sorted = nanos[s].clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%-62s %14.0f%n", steps.get(s).name(), sorted[ROUNDS / 2] / (double) CALLS);
        }
    }

    private int writeBinary(int i) {
        CloudEvent event = EventCodec.toCloudEvent(changes[i & 1023]);
        List<String> headers = new ArrayList<>(16);
        byte[][] body = new byte[1][];
        CloudEventsHttp.writeBinary(event, (name, value) -> headers.add(value), bytes -> body[0] = bytes);
        return headers.size() + body[0].length;
    }

    private long measure(Step step, int calls) {
        long start = threads.getCurrentThreadCpuTime();
        long acc = 0;
        for (int i = 0; i < calls; i++) {
            acc += step.call().applyAsInt(i);
        }
        long spent = threads.getCurrentThreadCpuTime() - start;
        sink = acc;
        return spent;
    }

    private record Step(String name, IntUnaryOperator call) {
    }
}

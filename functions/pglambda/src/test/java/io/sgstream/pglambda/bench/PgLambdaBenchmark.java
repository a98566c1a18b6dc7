package io.sgstream.pglambda.bench;

import io.cloudevents.CloudEvent;
import io.sgstream.pglambda.Outcome;
import io.sgstream.pglambda.PgLambda;
import io.sgstream.pglambda.PgLambdaOptions;
import io.sgstream.pglambda.Reply;
import io.sgstream.pglambda.TestEvents;
import io.sgstream.pglambda.js.JsOptions;
import io.sgstream.pglambda.js.ScriptConsole;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Events per second through {@link PgLambda#handle} (contract decoding, function, reply building, metrics) for a
 * trivial JavaScript function, a JavaScript function that replies, and the same two as Java functions, with 1 and
 * several calling threads. Not a test: run {@code functions/pglambda/bench-pglambda [events]}.
 */
public final class PgLambdaBenchmark {

    static final String JS_TRIVIAL = "response.writeHead(200); response.end();";
    static final String JS_REPLY = "reply('com.example.order.changed', {order: change.key.id, op: change.op, amount: change.after.amount});";

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int cores = Runtime.getRuntime().availableProcessors();
        List<CloudEvent> input = new ArrayList<>(10_000);
        for (int i = 0; i < 10_000; i++) {
            input.add(TestEvents.insert(1 + i / 10, 1 + i % 10, i, "customer-" + i, (i % 1000) + ".50"));
        }
        System.out.printf("PgLambda benchmark: %,d events per run, %d cores, Java %s%n", events, cores, Runtime.version());
        JsOptions js = JsOptions.defaults().withConsole(ScriptConsole.discarding());
        run("js   trivial", () -> PgLambda.javascript(JS_TRIVIAL, js, PgLambdaOptions.defaults()), input, events, cores);
        run("js   reply  ", () -> PgLambda.javascript(JS_REPLY, js, PgLambdaOptions.defaults()), input, events, cores);
        run("java trivial", () -> PgLambda.java((change, event) -> null, PgLambdaOptions.defaults()), input, events, cores);
        run("java reply  ", () -> PgLambda.java((change, event) -> Reply.of("com.example.order.changed",
                change.after()), PgLambdaOptions.defaults()), input, events, cores);
    }

    private static void run(String name, Supplier<PgLambda> factory, List<CloudEvent> input, int events, int cores)
            throws Exception {
        try (PgLambda lambda = factory.get()) {
            measure(lambda, input, events / 2, 1); // warm-up: the interpreter specializes its nodes
            for (int callers : new int[] {1, cores * 2}) {
                long nanos = measure(lambda, input, events, callers);
                System.out.printf("%s  callers=%-2d  %,10.0f events/s  (%.1f us/event)%n", name, callers,
                        events / (nanos / 1e9), nanos / 1e3 / events);
            }
        }
    }

    private static long measure(PgLambda lambda, List<CloudEvent> input, int events, int callers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            long start = System.nanoTime();
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                int offset = c;
                work.add(pool.submit(() -> {
                    for (int i = offset; i < events; i += callers) {
                        Outcome o = lambda.handle(input.get(i % input.size()));
                        if (!o.acknowledges()) {
                            throw new IllegalStateException("benchmark event failed: " + o);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            return System.nanoTime() - start;
        } finally {
            pool.shutdown();
        }
    }
}

package io.sgstream.apply.testing;

import io.cloudevents.CloudEvent;
import io.sgstream.apply.AcceptResult;
import io.sgstream.apply.SgClusterApply;
import io.sgstream.event.EventCodec;
import io.sgstream.event.EventParts;
import io.sgstream.event.StreamEvent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivery the way a Knative Broker may do it: CloudEvents (split into parts above a size), in any order, some
 * several times, from several senders at once, each retried until acknowledged.
 */
public final class Deliveries {

    private Deliveries() {
    }

    public static List<CloudEvent> cloudEvents(List<StreamEvent> events, int maxDataBytes) {
        List<CloudEvent> out = new ArrayList<>();
        for (StreamEvent e : events) {
            out.addAll(EventParts.split(EventCodec.toCloudEvent(e), maxDataBytes));
        }
        return out;
    }

    /** Every event once, plus a copy of a {@code duplicateShare} of them, shuffled. */
    public static List<CloudEvent> shuffledWithDuplicates(List<CloudEvent> events, double duplicateShare, long seed) {
        Random random = new Random(seed);
        List<CloudEvent> out = new ArrayList<>(events);
        for (CloudEvent e : events) {
            if (random.nextDouble() < duplicateShare) {
                out.add(e);
            }
        }
        Collections.shuffle(out, random);
        return out;
    }

    /**
     * Delivers from {@code senders} threads, each event retried while the answer asks for a retry (5xx, 429).
     *
     * @return the final answers
     */
    public static List<AcceptResult> deliver(SgClusterApply apply, List<CloudEvent> events, int senders) throws Exception {
        ConcurrentLinkedQueue<CloudEvent> queue = new ConcurrentLinkedQueue<>(events);
        ConcurrentLinkedQueue<AcceptResult> results = new ConcurrentLinkedQueue<>();
        AtomicInteger retries = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                done.add(pool.submit(() -> {
                    CloudEvent e;
                    while ((e = queue.poll()) != null) {
                        AcceptResult r = apply.accept(e).join();
                        while (r.httpStatus() >= 500 || r.httpStatus() == 429) {
                            retries.incrementAndGet();
                            Thread.sleep(20);
                            r = apply.accept(e).join();
                        }
                        results.add(r);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new ArrayList<>(results);
    }
}

package io.sgstream.broker;

import io.sgstream.broker.delivery.ChaosOptions;
import io.sgstream.broker.delivery.SubscriberRegistry;
import io.sgstream.broker.testing.RecordingSink;
import io.sgstream.broker.testing.Resources;
import io.sgstream.broker.trigger.KnativeManifests;
import io.sgstream.broker.trigger.TriggerLoader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.sgstream.broker.testing.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

/** Chaos mode: every event still arrives at least once, some twice, not in publish order, reproducibly. */
class ChaosTest {

    private static final KnativeManifests MANIFESTS = TriggerLoader.load(Resources.path("/triggers/catch-all.yaml"));
    private static final List<String> IDS = IntStream.range(0, 200).mapToObj(i -> "c" + i)
            .collect(Collectors.toList());

    @Test
    void deliversEveryEventAtLeastOnceWithDuplicatesAndOutOfOrder() {
        Run run = publishAll(new ChaosOptions(42, 0.3, Duration.ofMillis(50)));

        assertThat(run.received).containsAll(IDS);
        assertThat(run.received).hasSize(IDS.size() + (int) run.stats.duplicated());
        assertThat(run.stats.duplicated()).isPositive();
        assertThat(run.duplicatedIds()).hasSize((int) run.stats.duplicated());
        assertThat(run.received).as("arrival order").isNotEqualTo(IDS);
        assertThat(run.stats.delivered()).isEqualTo(run.received.size());
    }

    @Test
    void theSameSeedDuplicatesTheSameEvents() {
        ChaosOptions chaos = new ChaosOptions(7, 0.25, Duration.ofMillis(5));

        assertThat(publishAll(chaos).duplicatedIds()).isEqualTo(publishAll(chaos).duplicatedIds())
                .isNotEmpty();
    }

    @Test
    void withoutChaosEachEventArrivesOnce() {
        Run run = publishAll(ChaosOptions.off());

        assertThat(run.received).containsExactlyInAnyOrderElementsOf(IDS);
        assertThat(run.stats.duplicated()).isZero();
    }

    /** Publishes all events concurrently (publishAsync) from one thread and waits for every ack. */
    private static Run publishAll(ChaosOptions chaos) {
        try (RecordingSink sink = new RecordingSink();
             LocalBroker broker = LocalBroker.builder()
                     .manifests(MANIFESTS)
                     .subscribers(new SubscriberRegistry().register("everything", sink.url("/everything")))
                     .maxInFlightPerTrigger(64)
                     .chaos(chaos)
                     .build()) {
            List<CompletableFuture<DispatchReport>> acks = new ArrayList<>();
            for (String id : IDS) {
                acks.add(broker.publishAsync(event(id, "chaos.test")));
            }
            CompletableFuture.allOf(acks.toArray(new CompletableFuture<?>[0])).join();
            return new Run(sink.ids("/everything"), broker.stats().trigger("everything"));
        }
    }

    private record Run(List<String> received, TriggerStats stats) {

        /** Ids received twice, sorted. */
        List<String> duplicatedIds() {
            Map<String, Integer> counts = new HashMap<>();
            received.forEach(id -> counts.merge(id, 1, Integer::sum));
            return counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted()
                    .collect(Collectors.toList());
        }
    }
}

package io.sgstream.broker.filter;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.fabric8.knative.eventing.v1.Trigger;
import io.sgstream.broker.testing.Resources;
import io.sgstream.broker.trigger.KnativeManifests;
import io.sgstream.broker.trigger.TriggerLoader;
import io.sgstream.broker.trigger.TriggerValidator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static io.sgstream.broker.testing.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Filter semantics of knative/eventing pkg/eventfilter (attributes/filter.go, subscriptionsapi/*.go), case by case,
 * on the compiled filters of real Trigger manifests.
 */
class TriggerFiltersTest {

    private static KnativeManifests manifests;

    @BeforeAll
    static void load() {
        manifests = TriggerLoader.load(Resources.path("/triggers/filter-semantics.yaml"));
        TriggerValidator.requireValid(manifests.triggers());
    }

    @Test
    void legacyEmptyValueRequiresAPresentNonEmptyAttribute() {
        EventFilter filter = compile("legacy-extension-any");

        assertThat(filter.filter(event("1", "t", "/s", "table", "orders"))).isEqualTo(FilterResult.PASS);
        assertThat(filter.filter(event("2", "t", "/s", "table", ""))).isEqualTo(FilterResult.FAIL);
        assertThat(filter.filter(event("3", "t"))).isEqualTo(FilterResult.FAIL);
    }

    @Test
    void legacyEmptyTimeMatchesEvenWithoutTimeBecauseKnativeReadsGoZeroTime() {
        assertThat(compile("legacy-time-any").filter(event("1", "t"))).isEqualTo(FilterResult.PASS);
    }

    @Test
    void emptyLegacyFilterPassesEverything() {
        assertThat(compile("legacy-empty").filter(event("1", "t"))).isEqualTo(FilterResult.PASS);
    }

    @Test
    void exactWithAnEmptyValueIsSkippedSoItConstrainsNothing() {
        assertThat(compile("exact-empty-value").filter(event("1", "anything"))).isEqualTo(FilterResult.NO_FILTER);
    }

    @Test
    void exactIsCaseSensitive() {
        EventFilter filter = compile("exact-case-sensitive");

        assertThat(filter.filter(event("1", "io.sgstream.change"))).isEqualTo(FilterResult.FAIL);
        assertThat(filter.filter(event("2", "IO.SGSTREAM.CHANGE"))).isEqualTo(FilterResult.PASS);
    }

    @Test
    void timeIsComparedInGoRfc3339FormWithSecondsEvenWhenZero() {
        CloudEvent event = CloudEventBuilder.v1(event("1", "t"))
                .withTime(OffsetDateTime.of(2024, 1, 2, 3, 4, 0, 0, ZoneOffset.UTC)).build();

        assertThat(event.getTime().toString()).isEqualTo("2024-01-02T03:04Z");
        assertThat(compile("exact-time").filter(event)).isEqualTo(FilterResult.PASS);
    }

    @Test
    void nonStringExtensionsCompareByTheirCanonicalString() {
        CloudEvent event = CloudEventBuilder.v1(event("1", "t")).withExtension("partition", 5).build();

        assertThat(compile("exact-integer-extension").filter(event)).isEqualTo(FilterResult.PASS);
    }

    @Test
    void datamediatypeIsTheContentTypeWithoutParameters() {
        CloudEvent event = CloudEventBuilder.v1(event("1", "t"))
                .withDataContentType("application/JSON; charset=utf-8").build();
        CloudEvent noContentType = CloudEventBuilder.v1().withId("2").withType("t").withSource(URI.create("/s"))
                .build();

        assertThat(compile("suffix-mediatype").filter(event)).isEqualTo(FilterResult.PASS);
        assertThat(compile("suffix-mediatype").filter(noContentType)).isEqualTo(FilterResult.FAIL);
    }

    @Test
    void notOfAnUnusableFilterIsNoFilterAndThatLeaksThroughAny() {
        assertThat(compile("not-nothing").filter(event("1", "t"))).isEqualTo(FilterResult.NO_FILTER);
        // op=u fails the exact branch, but the last branch has nothing to check: Knative's any returns NoFilter
        assertThat(compile("any-with-unusable-branch").filter(event("2", "t", "/s", "op", "u")))
                .isEqualTo(FilterResult.NO_FILTER);
        assertThat(compile("any-with-unusable-branch").filter(event("3", "t", "/s", "op", "c")))
                .isEqualTo(FilterResult.PASS);
    }

    @Test
    void nestedAllAnyNotCompose() {
        EventFilter filter = compile("nested-logic");

        assertThat(filter.filter(event("1", "t", "/s", "table", "orders", "op", "c"))).isEqualTo(FilterResult.PASS);
        assertThat(filter.filter(event("2", "t", "/s", "table", "orders", "op", "d"))).isEqualTo(FilterResult.FAIL);
        CloudEvent audit = CloudEventBuilder.v1(event("3", "t", "/s", "table", "orders", "op", "d"))
                .withSubject("audit.orders").build();
        assertThat(filter.filter(audit)).isEqualTo(FilterResult.PASS);
    }

    private static EventFilter compile(String name) {
        Trigger trigger = manifests.triggers().stream().filter(t -> t.getMetadata().getName().equals(name))
                .findFirst().orElseThrow();
        return TriggerFilters.compile(name, trigger.getSpec());
    }
}

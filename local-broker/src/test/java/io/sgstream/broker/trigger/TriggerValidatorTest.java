package io.sgstream.broker.trigger;

import io.fabric8.knative.eventing.v1.Trigger;
import io.sgstream.broker.LocalBroker;
import io.sgstream.broker.delivery.SubscriberRegistry;
import io.sgstream.broker.testing.Resources;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TriggerValidatorTest {

    private static final KnativeManifests MANIFESTS =
            TriggerLoader.load(Resources.path("/triggers/invalid-triggers.yaml"));

    @Test
    void validTriggerPasses() {
        assertThat(TriggerValidator.validate(trigger("valid"))).isEmpty();
    }

    @Test
    void attributeNamesMustBeLowercaseAlphanumeric() {
        assertThat(TriggerValidator.validate(trigger("bad-attribute-name"))).containsExactly(new FieldError(
                "spec.filter.attributes[Table_Name]", "invalid key name \"Table_Name\": Attribute name must start "
                        + "with a letter and can only contain lowercase alphanumeric"));
        assertThat(TriggerValidator.validate(trigger("bad-exact-key")))
                .extracting(FieldError::path).containsExactly("spec.filters[0].exact[Type]");
    }

    @Test
    void eachFiltersElementMayUseOnlyOneDialectAtAnyDepth() {
        assertThat(TriggerValidator.validate(trigger("two-dialects"))).containsExactly(new FieldError(
                "spec.filters[0]", "multiple dialects found, filters can have only one dialect set"));
        assertThat(TriggerValidator.validate(trigger("nested-two-dialects"))).containsExactly(new FieldError(
                "spec.filters[1].all[1]", "multiple dialects found, filters can have only one dialect set"));
    }

    @Test
    void exactPrefixAndSuffixNameOneAttributeEach() {
        assertThat(TriggerValidator.validate(trigger("two-attributes-in-one-exact"))).containsExactly(
                new FieldError("spec.filters[0].exact", "Multiple items found, can have only one key-value"),
                new FieldError("spec.filters[1].any[0].prefix", "Multiple items found, can have only one key-value"));
    }

    @Test
    void invalidCesqlIsRejectedUpFrontNamingTriggerFilterIndexAndParseError() {
        InvalidTriggerException rejected = catchInvalid(trigger("bad-cesql"));

        assertThat(rejected.trigger()).isEqualTo("default/bad-cesql");
        assertThat(rejected.errors()).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("spec.filters[2].cesql");
            assertThat(error.message()).isEqualTo("invalid CESQL expression \"table LIKE\": syntax error at "
                    + "column 11: missing {DQUOTED_STRING_LITERAL, SQUOTED_STRING_LITERAL} at '<EOF>'");
        });
        assertThat(rejected.getMessage()).startsWith("Trigger default/bad-cesql rejected:\n  spec.filters[2].cesql: ");
    }

    @Test
    void brokerAndSubscriberAreRequiredAndDestinationsFollowKnativeRules() {
        assertThat(TriggerValidator.validate(trigger("no-broker")))
                .containsExactly(new FieldError("spec.broker", "missing field(s)"));
        assertThat(TriggerValidator.validate(trigger("empty-subscriber")))
                .containsExactly(new FieldError("spec.subscriber", "expected at least one, got none: ref, uri"));
        assertThat(TriggerValidator.validate(trigger("relative-uri"))).containsExactly(new FieldError(
                "spec.subscriber.uri", "Relative URI is not allowed when Ref and [apiVersion, kind, name] is absent"));
    }

    @Test
    void everyDeliveryErrorIsListed() {
        assertThat(TriggerValidator.validate(trigger("bad-delivery"))).extracting(FieldError::path).containsExactly(
                "spec.delivery.retry", "spec.delivery.backoffPolicy", "spec.delivery.backoffDelay",
                "spec.delivery.format");
    }

    @Test
    void brokerBuildRejectsTheManifestSetListingEveryInvalidTrigger() {
        SubscriberRegistry registry = new SubscriberRegistry().register("sink", URI.create("http://127.0.0.1:9/"));

        assertThatThrownBy(() -> LocalBroker.builder().manifests(MANIFESTS).subscribers(registry).build())
                .isInstanceOfSatisfying(InvalidTriggerException.class, e -> assertThat(e.errorsByTrigger().keySet())
                        .containsExactly("default/bad-attribute-name", "default/two-dialects",
                                "default/nested-two-dialects", "default/bad-cesql", "default/bad-exact-key",
                                "default/no-broker", "default/empty-subscriber", "default/relative-uri",
                                "default/bad-delivery", "default/two-attributes-in-one-exact"))
                .hasMessageContaining("Trigger default/bad-cesql rejected:\n  spec.filters[2].cesql: invalid CESQL "
                        + "expression \"table LIKE\"");
    }

    @Test
    void unknownSubscriberRefFailsTheBuildWithTheRegisteredNames() {
        List<Trigger> valid = List.of(trigger("valid"));
        SubscriberRegistry registry = new SubscriberRegistry().register("other", URI.create("http://127.0.0.1:9/"));

        assertThatThrownBy(() -> LocalBroker.builder().triggers(valid).subscribers(registry).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Trigger default/valid: spec.subscriber ref:Service/sink is not in the subscriber "
                        + "registry [other]");
    }

    private static InvalidTriggerException catchInvalid(Trigger trigger) {
        try {
            TriggerValidator.requireValid(trigger);
        } catch (InvalidTriggerException e) {
            return e;
        }
        throw new AssertionError("expected " + trigger.getMetadata().getName() + " to be rejected");
    }

    private static Trigger trigger(String name) {
        return MANIFESTS.triggers().stream().filter(t -> t.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow();
    }
}

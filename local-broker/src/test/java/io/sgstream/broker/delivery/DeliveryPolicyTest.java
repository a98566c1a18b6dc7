package io.sgstream.broker.delivery;

import io.fabric8.knative.duck.v1.DeliverySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Retry arithmetic of knative/eventing pkg/kncloudevents/retries.go and the SelectiveRetry predicate. */
class DeliveryPolicyTest {

    @Test
    void exponentialDoublesFromTheDelay() {
        DeliveryPolicy policy = DeliveryPolicy.from(spec(10, "exponential", "PT0.2S"), Duration.ofSeconds(30));

        assertThat(IntStream.range(0, 4).mapToObj(policy::backoff)).containsExactly(Duration.ofMillis(200),
                Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofMillis(1600));
        assertThat(policy.retry()).isEqualTo(10);
        assertThat(policy.timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void linearStartsAtZeroLikeKnative() {
        DeliveryPolicy policy = DeliveryPolicy.from(spec(3, "linear", "PT1S"), null);

        assertThat(IntStream.range(0, 3).mapToObj(policy::backoff))
                .containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void withoutPolicyOrDelayRetriesAreImmediate() {
        assertThat(DeliveryPolicy.from(spec(3, null, "PT1S"), null).backoff(2)).isZero();
        assertThat(DeliveryPolicy.from(spec(3, "exponential", null), null).backoff(2)).isZero();
        assertThat(DeliveryPolicy.from(null, null).retry()).isZero();
    }

    @Test
    void hugeSchedulesAreCappedInsteadOfOverflowing() {
        DeliveryPolicy policy = DeliveryPolicy.from(spec(100, "exponential", "P1D"), null);

        assertThat(policy.backoff(99)).isEqualTo(DeliveryPolicy.MAX_BACKOFF);
    }

    @Test
    void knativeDefaultIsTenExponentialRetriesFromPointTwoSeconds() {
        DeliveryPolicy policy = DeliveryPolicy.from(DeliveryPolicy.knativeDefaultSpec(), null);

        assertThat(policy.retry()).isEqualTo(10);
        assertThat(policy.backoff(9)).isEqualTo(Duration.ofMillis(200 * 512));
    }

    @ParameterizedTest(name = "{0} retryable={1}")
    @CsvSource({"500,true", "502,true", "503,true", "404,true", "408,true", "409,true", "429,true",
            "400,false", "401,false", "403,false", "413,false", "301,false", "100,false"})
    void retriesOnlyTheStatusesKnativeRetries(int status, boolean retryable) {
        AttemptResult result = AttemptResult.classify(new SubscriberResponse(status, null, null, null), "d", true);

        assertThat(result.success()).isFalse();
        assertThat(result.retryable()).isEqualTo(retryable);
    }

    @Test
    void plainBodiesFailSubscribersButNotDeadLetterSinks() {
        SubscriberResponse ok = new SubscriberResponse(200, null, "ok".getBytes(StandardCharsets.UTF_8), null);

        assertThat(AttemptResult.classify(ok, "d", true)).satisfies(r -> {
            assertThat(r.success()).isFalse();
            assertThat(r.status()).isEqualTo(502);
            assertThat(r.retryable()).isTrue();
        });
        assertThat(AttemptResult.classify(ok, "d", false).success()).isTrue();
        assertThat(AttemptResult.classify(new SubscriberResponse(204, null, null, null), "d", true).success())
                .isTrue();
    }

    private static DeliverySpec spec(int retry, String policy, String delay) {
        DeliverySpec spec = new DeliverySpec();
        spec.setRetry(retry);
        spec.setBackoffPolicy(policy);
        spec.setBackoffDelay(delay);
        return spec;
    }
}

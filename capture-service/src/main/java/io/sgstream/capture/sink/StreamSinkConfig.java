package io.sgstream.capture.sink;

import io.sgstream.api.SGStream;
import io.sgstream.api.StreamNames;
import io.sgstream.api.secret.SecretResolver;
import io.sgstream.api.spec.CloudEventHttp;
import io.sgstream.api.spec.StreamTarget;
import io.sgstream.api.spec.TargetType;

/**
 * The part of the sink configuration an SGStream decides: the target's {@code http} section (url, headers with
 * their {@code ${secret:<name>/<key>}} references resolved, timeouts, retries, hostname verification). One place,
 * so the capture service on Kubernetes and the local runner send to a CloudEvent target in the same way.
 * A {@code PgLambda} target defaults to its Knative Service {@code http://<stream>.<namespace>}; an {@code SGCluster}
 * target has no endpoint of its own (its events go to {@code K_SINK}), so the url is left unset.
 */
public final class StreamSinkConfig {

    private StreamSinkConfig() {
    }

    /** A builder holding what {@code stream} says; the caller adds its settings and the Knative environment. */
    public static HttpSinkConfig.Builder of(SGStream stream, SecretResolver secrets) {
        StreamTarget target = stream.getSpec() == null ? null : stream.getSpec().getTarget();
        TargetType type = target == null ? null : target.targetType().orElse(null);
        HttpSinkConfig.Builder b = HttpSinkConfig.fromSgStream(http(target, type), secrets);
        if (type == TargetType.PG_LAMBDA) {
            b.url(StreamNames.pgLambdaUrl(stream)); // its own url, or the default Service
        }
        return b;
    }

    private static CloudEventHttp http(StreamTarget target, TargetType type) {
        if (type == TargetType.CLOUD_EVENT && target.getCloudEvent() != null) {
            return target.getCloudEvent().getHttp();
        }
        if (type == TargetType.PG_LAMBDA && target.getPgLambda() != null && target.getPgLambda().getKnative() != null) {
            return target.getPgLambda().getKnative().getHttp();
        }
        return null;
    }
}

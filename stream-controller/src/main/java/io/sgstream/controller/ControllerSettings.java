package io.sgstream.controller;

import io.sgstream.api.spec.SourceSGCluster;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What the controller is told: {@code controller.properties} on the classpath gives the defaults; a system property
 * of the same name or an environment variable (the name in upper case with {@code .} and {@code -} as {@code _},
 * e.g. {@code SGSTREAM_CONTROLLER_CAPTURE_IMAGE}) overrides each one.
 *
 * @param captureImage         image of the capture service
 * @param applyImage           image of the sgcluster-apply function
 * @param pglambdaImage        image of the pglambda function
 * @param brokerName           the Broker every stream publishes to, in the stream's namespace
 * @param watchNamespace       the only namespace to manage; empty for all
 * @param resyncPeriod         how often every stream is reconciled (and its signals re-checked) without a change
 * @param leaseNamespace       namespace of the leader-election Lease (the controller's own)
 * @param leaseName            name of that Lease
 * @param identity             this replica in the Lease (the pod name)
 * @param sgClusterPort        port of an SGCluster's Service the apply connects to
 * @param triggerDeliveryOrder {@code kafka.eventing.knative.dev/delivery.order} of the stream Triggers; empty to
 *                             leave it to the Broker
 * @param healthPort           port of {@code /healthz}
 */
public record ControllerSettings(String captureImage, String applyImage, String pglambdaImage, String brokerName,
                                 Optional<String> watchNamespace, Duration resyncPeriod, String leaseNamespace,
                                 String leaseName, String identity, int sgClusterPort,
                                 Optional<String> triggerDeliveryOrder, int healthPort) {

    static final String PREFIX = "sgstream.controller.";

    /** The settings from {@code controller.properties}, system properties and {@code env}. */
    public static ControllerSettings load(Map<String, String> env) {
        Properties defaults = new Properties();
        try (InputStream in = ControllerSettings.class.getResourceAsStream("/controller.properties")) {
            if (in != null) {
                defaults.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Source source = new Source(defaults, env);
        String pod = source.optional("identity").or(() -> Optional.ofNullable(env.get("POD_NAME")))
                .or(() -> Optional.ofNullable(env.get("HOSTNAME"))).orElse("sgstream-controller");
        String leaseNamespace = source.optional("lease-namespace")
                .or(() -> Optional.ofNullable(env.get("POD_NAMESPACE"))).orElse("sgstream-system");
        return new ControllerSettings(source.required("capture-image"), source.required("apply-image"),
                source.required("pglambda-image"), source.required("broker-name"), source.optional("namespace"),
                Duration.parse(source.required("resync-period")), leaseNamespace, source.required("lease-name"), pod,
                Integer.parseInt(source.optional("sgcluster-port").orElse(Integer.toString(SourceSGCluster.PORT))),
                source.optional("trigger-delivery-order"), Integer.parseInt(source.required("health-port")));
    }

    public ControllerSettings withTriggerDeliveryOrder(String order) {
        return new ControllerSettings(captureImage, applyImage, pglambdaImage, brokerName, watchNamespace,
                resyncPeriod, leaseNamespace, leaseName, identity, sgClusterPort, Optional.ofNullable(order),
                healthPort);
    }

    public ControllerSettings withResyncPeriod(Duration period) {
        return new ControllerSettings(captureImage, applyImage, pglambdaImage, brokerName, watchNamespace, period,
                leaseNamespace, leaseName, identity, sgClusterPort, triggerDeliveryOrder, healthPort);
    }

    public ControllerSettings withIdentity(String id) {
        return new ControllerSettings(captureImage, applyImage, pglambdaImage, brokerName, watchNamespace,
                resyncPeriod, leaseNamespace, leaseName, id, sgClusterPort, triggerDeliveryOrder, healthPort);
    }

    /** A key is looked up as a system property, then as an environment variable, then in the defaults. */
    private record Source(Properties defaults, Map<String, String> env) {

        Optional<String> optional(String key) {
            String name = PREFIX + key;
            String value = System.getProperty(name);
            if (value == null) {
                value = env.get(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
            }
            if (value == null) {
                value = defaults.getProperty(name);
            }
            return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
        }

        String required(String key) {
            return optional(key).orElseThrow(() -> new IllegalArgumentException("setting " + PREFIX + key + " ("
                    + (PREFIX + key).toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + ") is required"));
        }
    }
}

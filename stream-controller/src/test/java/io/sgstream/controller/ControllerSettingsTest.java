package io.sgstream.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ControllerSettingsTest {

    @Test
    void environmentVariablesOverrideTheDefaults() {
        ControllerSettings settings = ControllerSettings.load(Map.of(
                "SGSTREAM_CONTROLLER_CAPTURE_IMAGE", "ghcr.io/acme/sgstream-capture:2",
                "SGSTREAM_CONTROLLER_RESYNC_PERIOD", "PT1M",
                "SGSTREAM_CONTROLLER_TRIGGER_DELIVERY_ORDER", "ordered",
                "SGSTREAM_CONTROLLER_NAMESPACE", "",
                "POD_NAME", "sgstream-controller-7d9f-abcde",
                "POD_NAMESPACE", "operators"));

        assertThat(settings.captureImage()).isEqualTo("ghcr.io/acme/sgstream-capture:2");
        assertThat(settings.applyImage()).isEqualTo("localhost:5000/sgstream/sgstream-sgcluster-apply:0.1.0-SNAPSHOT");
        assertThat(settings.resyncPeriod()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.triggerDeliveryOrder()).hasValue("ordered");
        assertThat(settings.watchNamespace()).isEmpty(); // empty means every namespace
        assertThat(settings.identity()).isEqualTo("sgstream-controller-7d9f-abcde");
        assertThat(settings.leaseNamespace()).isEqualTo("operators");
        assertThat(settings.brokerName()).isEqualTo("sgstream");
        assertThat(settings.sgClusterPort()).isEqualTo(5433);
    }

    @Test
    void aRequiredSettingLeftEmptyIsNamedWithItsVariable() {
        assertThatThrownBy(() -> ControllerSettings.load(Map.of("SGSTREAM_CONTROLLER_BROKER_NAME", " ")))
                .hasMessage("setting sgstream.controller.broker-name (SGSTREAM_CONTROLLER_BROKER_NAME) is required");
    }

    /**
     * A variable the manifest sets or a README names but the controller never reads would be silently ignored:
     * every SGSTREAM_CONTROLLER_* in knative/controller/deployment.yaml and the READMEs is one of its settings.
     */
    @Test
    void everyControllerVariableInTheManifestAndTheReadmesIsASetting() throws IOException {
        Set<String> known = new HashSet<>(List.of("SGSTREAM_CONTROLLER_IDENTITY", "SGSTREAM_CONTROLLER_LEASE_NAMESPACE"));
        Properties defaults = new Properties();
        try (InputStream in = ControllerSettings.class.getResourceAsStream("/controller.properties")) {
            defaults.load(in);
        }
        defaults.stringPropertyNames().forEach(k -> known.add(k.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_')));

        Path knative = ManifestsTest.knativeDir();
        Deployment deployment = new KubernetesSerialization()
                .unmarshal(Files.readString(knative.resolve("controller/deployment.yaml")), Deployment.class);
        Set<String> used = new TreeSet<>();
        deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream().map(EnvVar::getName)
                .filter(n -> n.startsWith("SGSTREAM_CONTROLLER_")).forEach(used::add);
        assertThat(used).contains("SGSTREAM_CONTROLLER_CAPTURE_IMAGE"); // what this test stands on
        Pattern variable = Pattern.compile("SGSTREAM_CONTROLLER_[A-Z][A-Z_]*[A-Z]");
        for (Path readme : List.of(knative.resolve("README.md"), knative.resolve("../stream-controller/README.md"))) {
            Matcher m = variable.matcher(Files.readString(readme));
            while (m.find()) {
                used.add(m.group());
            }
        }

        assertThat(used).isSubsetOf(known);
    }
}

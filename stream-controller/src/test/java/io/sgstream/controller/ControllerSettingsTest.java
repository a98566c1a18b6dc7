package io.sgstream.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
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
}

package io.sgstream.apply.knative;

import io.sgstream.apply.prepare.TargetPreparation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code sgstream.apply.prepare.*} becomes the service's target preparation. */
class PrepareSettingsTest {

    @Test
    void defaultsPrepareNothing() {
        assertThat(ApplyProducer.preparation(settings(false, Optional.empty(), false)).needed()).isFalse();
    }

    @Test
    void importAndDeferralFromSettings() {
        TargetPreparation p = ApplyProducer.preparation(settings(true, Optional.of("jdbc:postgresql://src:5433/shop"), true));
        assertThat(p.importDdl()).isTrue();
        assertThat(p.source()).isEqualTo(new TargetPreparation.SourceDatabase("jdbc:postgresql://src:5433/shop", "u", "p"));
        assertThat(p.includes()).containsExactly("public\\.orders");
        assertThat(p.roleSkipFilter()).isEqualTo("(admin)");
        assertThat(p.defers()).isTrue();
        assertThat(p.dropPrimaryKeys()).isFalse();
    }

    @Test
    void importWithoutSourceNamesTheMissingKey() {
        assertThatThrownBy(() -> ApplyProducer.preparation(settings(true, Optional.empty(), false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sgstream.apply.prepare.source-jdbc-url");
    }

    private static ApplySettings.Prepare settings(boolean importDdl, Optional<String> url, boolean drop) {
        return new ApplySettings.Prepare() {
            public boolean importDdl() { return importDdl; }
            public Optional<String> sourceJdbcUrl() { return url; }
            public Optional<String> sourceUsername() { return Optional.of("u"); }
            public Optional<String> sourcePassword() { return Optional.of("p"); }
            public Optional<String> sourceSslRootCert() { return Optional.empty(); }
            public Optional<String> sourceSslCert() { return Optional.empty(); }
            public Optional<String> sourceSslKey() { return Optional.empty(); }
            public Optional<List<String>> includes() { return Optional.of(List.of("public\\.orders")); }
            public Optional<List<String>> excludes() { return Optional.empty(); }
            public Optional<String> roleSkipFilter() { return Optional.of("(admin)"); }
            public boolean dropIndexesAndConstraints() { return drop; }
            public boolean dropPrimaryKeys() { return false; }
            public boolean restoreAfterSnapshot() { return true; }
        };
    }
}

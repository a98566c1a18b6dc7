package io.sgstream.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole-document problems and what loading keeps. */
class LoadingTest {

    private static final String VALID = ValidationTest.spec("""
            source:
              type: SGCluster
              sgCluster:
                name: shop
            target:
              type: SGCluster
              sgCluster:
                name: shop-copy
            """);

    private static InvalidSGStreamException rejected(String yaml) {
        return catchThrowableOfType(InvalidSGStreamException.class, () -> SGStreams.fromYaml(yaml));
    }

    @Test
    void reportsWhereTheYamlIsBroken() {
        InvalidSGStreamException e = rejected("apiVersion: stackgres.io/v1alpha1\nkind: SGStream\nspec:\n  source: [a\n");

        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.path()).isEmpty();
            assertThat(v.message()).startsWith("not valid YAML at line ");
        });
    }

    @Test
    void rejectsDuplicateKeysInsteadOfKeepingTheLastOne() {
        InvalidSGStreamException e = rejected(VALID.replace("      name: shop\n", "      name: shop\n      name: other\n"));

        assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.message())
                .startsWith("not valid YAML at line ").contains("Duplicate field 'name'"));
    }

    @Test
    void wantsExactlyOneObject() {
        assertThat(rejected(VALID + "---\n" + VALID).violations()).extracting(Violation::toString)
                .containsExactly("expected one SGStream document, found 2");
        assertThat(rejected("").violations()).extracting(Violation::toString)
                .containsExactly("expected one SGStream document, found 0");
        assertThat(rejected("just text").violations()).extracting(Violation::toString)
                .containsExactly("expected an SGStream object with apiVersion, kind, metadata and spec");
    }

    @Test
    void namesTheFileInTheMessage(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, VALID.replace("name: shop-copy", "name: Shop_Copy"));

        assertThatThrownBy(() -> SGStreams.fromFile(file))
                .isInstanceOf(InvalidSGStreamException.class)
                .hasMessage("Invalid SGStream \"orders\" in " + file + " (1 problem):\n  - spec.target.sgCluster.name:"
                        + " must be a Kubernetes object name: lower-case letters, digits, '-' and '.', starting and"
                        + " ending with a letter or digit (was \"Shop_Copy\")");
        assertThatThrownBy(() -> SGStreams.fromFile(dir.resolve("missing.yaml"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void readsAStatusFromANewerWriterAndKeepsWhatItKnows() {
        SGStream stream = SGStreams.fromYaml(VALID + """
                status:
                  failure: boom
                  futureField: 1
                  conditions:
                    - type: Failed
                      status: "True"
                      reason: OperationFailed
                      observedGeneration: 3
                """);

        assertThat(stream.getStatus().getFailure()).isEqualTo("boom");
        assertThat(stream.getStatus().getConditions()).singleElement()
                .satisfies(c -> assertThat(c.getReason()).isEqualTo("OperationFailed"));
    }

    @Test
    void writesStringsThatLookLikeNumbersOrBooleansSoThatTheyReadBack() {
        SGStream stream = SGStreams.fromYaml(ValidationTest.spec("""
                source:
                  type: SGCluster
                  sgCluster:
                    name: shop
                    database: "2024"
                    debeziumProperties:
                      slotStreamParams:
                        include-lsn: "true"
                target:
                  type: CloudEvent
                  cloudEvent:
                    http:
                      url: http://sink
                      headers:
                        X-Id: "007"
                """));

        SGStream again = SGStreams.fromYaml(SGStreams.toYaml(stream));

        assertThat(again.getSpec()).isEqualTo(stream.getSpec());
        assertThat(again.getSpec().getSource().getSgCluster().getDatabase()).isEqualTo("2024");
    }

    @Test
    void keepsMetadataThatKubernetesOwns() {
        SGStream stream = SGStreams.fromYaml(VALID.replace("  name: orders\n", """
                  name: orders
                  namespace: shop
                  labels: {team: shop}
                  annotations:
                    debezium-signal.stackgres.io/tombstone: "{}"
                """));

        assertThat(stream.getMetadata().getNamespace()).isEqualTo("shop");
        assertThat(stream.getMetadata().getLabels()).containsEntry("team", "shop");
        assertThat(stream.getMetadata().getAnnotations())
                .containsKey(SGStream.SIGNAL_ANNOTATION_PREFIX + SGStream.TOMBSTONE_SIGNAL);
    }
}

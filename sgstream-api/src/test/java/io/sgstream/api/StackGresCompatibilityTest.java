package io.sgstream.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sgstream.api.spec.SourceDebeziumProperties;
import io.sgstream.api.status.StreamCondition;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** YAML written for StackGres, using every field its CRD has, loads here and loses nothing. */
class StackGresCompatibilityTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @SuppressWarnings("unused") // the source of the parameterized test below
    private static final java.util.List<String> FIXTURES = StackGresFixtures.NAMES;

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void loadsValidAndWritesBackEveryField(String fixture) throws IOException {
        String yaml = StackGresFixtures.yaml(fixture);

        SGStream stream = SGStreams.fromYaml(yaml);

        JsonNode original = YAML.readTree(yaml);
        JsonNode written = YAML.readTree(SGStreams.toYaml(stream));
        assertThat(written.get("spec")).isEqualTo(original.get("spec"));
        assertThat(written.get("status")).isEqualTo(original.get("status"));
        assertThat(written.at("/metadata/annotations")).isEqualTo(original.at("/metadata/annotations"));
    }

    @Test
    void everyTypedDebeziumFieldHasAStackGresName() {
        SourceDebeziumProperties properties = SGStreams.fromYaml(StackGresFixtures.yaml("sgcluster-to-sgcluster.yaml"))
                .getSpec().getSource().getSgCluster().getDebeziumProperties();

        // the fixture sets every StackGres field: a field of ours left null would have no StackGres counterpart
        assertThat(Arrays.stream(SourceDebeziumProperties.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()))
                .filter(f -> read(f, properties) == null)
                .map(Field::getName)).isEmpty();
    }

    @Test
    void statusConditionsKeepStackGresNames() {
        SGStream stream = SGStreams.fromYaml(StackGresFixtures.yaml("sgcluster-to-sgcluster.yaml"));

        assertThat(stream.getStatus().condition(StreamCondition.RUNNING))
                .hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo(StreamCondition.REASON_RUNNING));
        assertThat(stream.getStatus().getSnapshot().getRowsScanned()).containsEntry("public.orders", 1200L);
        assertThat(stream.getStatus().getStreaming().getSourceEventPosition()).containsEntry("lsn", "0/16B6C50");
    }

    private static Object read(Field field, Object target) {
        try {
            field.setAccessible(true);
            return field.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}

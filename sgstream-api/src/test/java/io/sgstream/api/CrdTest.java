package io.sgstream.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CrdTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final CustomResourceDefinition CRD = SGStreamCrd.load();
    private static final Schema SCHEMA = CrdJsonSchema.of(CRD);

    @Test
    void describesTheStackGresResourceWithAStatusSubresource() {
        assertThat(CRD.getMetadata().getName()).isEqualTo(SGStream.CRD_NAME);
        assertThat(CRD.getSpec().getGroup()).isEqualTo("stackgres.io");
        assertThat(CRD.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(CRD.getSpec().getNames().getKind()).isEqualTo("SGStream");
        assertThat(CRD.getSpec().getNames().getPlural()).isEqualTo("sgstreams");
        assertThat(CRD.getSpec().getNames().getShortNames()).containsExactly("sgstr");
        CustomResourceDefinitionVersion version = CRD.getSpec().getVersions().get(0);
        assertThat(CRD.getSpec().getVersions()).hasSize(1);
        assertThat(version.getName()).isEqualTo("v1alpha1");
        assertThat(version.getServed()).isTrue();
        assertThat(version.getStorage()).isTrue();
        assertThat(version.getSubresources().getStatus()).isNotNull();
    }

    @Test
    void agreesWithTheAnnotationsOfTheJavaClass() {
        SGStream stream = new SGStream();
        assertThat(stream.getApiVersion()).isEqualTo(CRD.getSpec().getGroup() + "/"
                + CRD.getSpec().getVersions().get(0).getName());
        assertThat(stream.getKind()).isEqualTo(CRD.getSpec().getNames().getKind());
        assertThat(stream.getPlural()).isEqualTo(CRD.getSpec().getNames().getPlural());
        assertThat(stream.getCRDName()).isEqualTo(CRD.getMetadata().getName());
        assertThat(SGStream.getShortNames(SGStream.class)).containsExactly("sgstr");
        assertThat(stream.getScope()).isEqualTo(CRD.getSpec().getScope());
    }

    @Test
    void printsSourceTargetAndConditionColumns() {
        List<CustomResourceColumnDefinition> columns =
                CRD.getSpec().getVersions().get(0).getAdditionalPrinterColumns();

        assertThat(columns)
                .extracting(CustomResourceColumnDefinition::getName, CustomResourceColumnDefinition::getJsonPath)
                .contains(
                        tuple("Source", ".spec.source.type"),
                        tuple("Target", ".spec.target.type"),
                        tuple("Running", ".status.conditions[?(@.type==\"Running\")].status"),
                        tuple("Completed", ".status.conditions[?(@.type==\"Completed\")].status"));
    }

    @Test
    void theCrdInTheJarIsTheManifestUsersApply() throws IOException {
        Path manifest = Examples.directory().resolveSibling("crds").resolve("sgstream.yaml");
        assertThat(SGStreamCrd.yaml()).isEqualTo(Files.readString(manifest));
    }

    static List<Path> examples() {
        return Examples.files();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleSatisfiesTheSchema(Path example) throws IOException {
        assertThat(SCHEMA.validate(YAML.readTree(example.toFile()))).isEmpty();
    }

    @Test
    void aStreamWithEveryStackGresFieldSatisfiesTheSchema() throws IOException {
        for (String fixture : StackGresFixtures.NAMES) {
            assertThat(SCHEMA.validate(YAML.readTree(StackGresFixtures.yaml(fixture)))).as(fixture).isEmpty();
        }
    }

    @Test
    void aStatusAsTheStreamWritesItSatisfiesTheSchema() throws IOException {
        JsonNode withStatus = YAML.readTree(StackGresFixtures.yaml("sgcluster-to-sgcluster.yaml"));
        assertThat(withStatus.has("status")).isTrue();
        assertThat(SCHEMA.validate(withStatus)).isEmpty();
    }

    static Stream<Arguments> violations() {
        return Stream.of(
                Arguments.of("misspelt field", edit(n -> postgres(n).put("databse", "shop")),
                        "databse"),
                Arguments.of("port as text", edit(n -> postgres(n).put("port", "5432")), "port"),
                Arguments.of("port out of range", edit(n -> postgres(n).put("port", 70000)), "port"),
                Arguments.of("unknown source type", edit(n -> source(n).put("type", "MySQL")), "type"),
                Arguments.of("name too long", edit(n -> ((ObjectNode) n.get("metadata")).put("name", "a".repeat(57))),
                        "name"),
                Arguments.of("name with capitals", edit(n -> ((ObjectNode) n.get("metadata")).put("name", "Orders")),
                        "name"),
                Arguments.of("Go-style duration", edit(n -> ((ObjectNode) n.at("/spec/target/cloudEvent/http"))
                        .put("connectTimeout", "5s")), "connectTimeout"),
                Arguments.of("maxRetries below -1", edit(n -> ((ObjectNode) n.get("spec")).put("maxRetries", -2)),
                        "maxRetries"),
                Arguments.of("sslMode typo", edit(n -> postgres(n).put("sslMode", "verify_full")),
                        "sslMode"),
                Arguments.of("missing target", edit(n -> ((ObjectNode) n.get("spec")).remove("target")), "target"),
                Arguments.of("headers as a list", edit(n -> ((ObjectNode) n.at("/spec/target/cloudEvent/http"))
                        .putArray("headers").add("X-A: b")), "headers"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void rejectsWhatTheApiServerWouldReject(String what, JsonNode invalid, String field) {
        List<Error> errors = SCHEMA.validate(invalid);

        assertThat(errors).as(what).isNotEmpty();
        assertThat(errors).as(what).anySatisfy(e -> assertThat(e.getInstanceLocation() + " " + e.getMessage())
                .contains(field));
    }

    private static JsonNode edit(Consumer<ObjectNode> change) {
        try {
            ObjectNode node = (ObjectNode) YAML.readTree(Examples.file("postgres-to-cloudevent.yaml").toFile());
            change.accept(node);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode source(ObjectNode stream) {
        return (ObjectNode) stream.at("/spec/source");
    }

    private static ObjectNode postgres(ObjectNode stream) {
        return (ObjectNode) stream.at("/spec/source/postgres");
    }
}

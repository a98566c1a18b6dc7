package io.sgstream.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.sgstream.api.SGStream;
import io.sgstream.signals.TestStreams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every manifest under knative/ (all YAML files, every document) is a kind with a typed model and uses only fields
 * that model knows; new files are covered as they are added. The objects the controller generates obey the same
 * rules.
 */
class ManifestsTest {

    static Path knativeDir() {
        Path dir = Path.of(System.getProperty("sgstream.knative.dir", "../knative"));
        assertThat(dir).isDirectory();
        return dir;
    }

    @Test
    void everyManifestUnderKnativeParsesIntoItsTypedModel() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(knativeDir())) {
            files = walk.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        }
        ManifestCheck check = new ManifestCheck();
        List<String> problems = new ArrayList<>();
        Set<String> kinds = new TreeSet<>();
        for (Path file : files) {
            String yaml = Files.readString(file);
            problems.addAll(check.check(knativeDir().relativize(file).toString(), yaml));
            ManifestCheck.documents(yaml).forEach(d -> kinds.add(ManifestCheck.kindOf(d)));
        }

        assertThat(problems).isEmpty();
        // what this test stands on: if a directory moved, it would pass on nothing
        assertThat(files.stream().map(f -> knativeDir().relativize(f).toString().replace('\\', '/')))
                .contains("controller/deployment.yaml", "controller/rbac.yaml",
                        "eventing/apiserversource-sgstreams.yaml", "eventing/broker.yaml",
                        "functions/signals.yaml", "functions/sgcluster-apply.yaml", "functions/pglambda.yaml",
                        "crds/sgstream.yaml");
        assertThat(kinds).contains("apps/v1/Deployment", "rbac.authorization.k8s.io/v1/ClusterRole",
                "sources.knative.dev/v1/ApiServerSource", "sources.knative.dev/v1/SinkBinding",
                "serving.knative.dev/v1/Service", "eventing.knative.dev/v1/Trigger", "eventing.knative.dev/v1/Broker",
                "apiextensions.k8s.io/v1/CustomResourceDefinition", "stackgres.io/v1alpha1/SGStream");
    }

    @Test
    void aTypoAKindWithoutModelAndABadFilterAreReported() throws IOException {
        String yaml = """
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata: {name: t}
                spec:
                  broker: sgstream
                  filters:
                    - exact: {type: a}
                      prefix: {source: b}
                    - exact: {Bad_Name: x}
                  subscribr: {uri: http://x}
                ---
                apiVersion: example.com/v1
                kind: Gadget
                metadata: {name: g}
                """;

        assertThat(new ManifestCheck().check("test.yaml", yaml)).containsExactly(
                "test.yaml #1 (Trigger t): spec: unknown field(s) [subscribr]",
                "test.yaml #1 (Trigger t): spec.filters[0]: 2 filter dialects, Knative requires exactly one per item",
                "test.yaml #1 (Trigger t): spec.filters[1]: attribute name 'Bad_Name' is not [a-z][a-z0-9]*",
                "test.yaml #2 (Gadget g): no typed model for example.com/v1 Gadget");
    }

    @Test
    void theTriggersTheControllerMakesObeyKnativeAdmissionRules() {
        List<String> problems = new ArrayList<>();
        for (String example : List.of("sgcluster-to-sgcluster.yaml", "postgres-to-sgcluster.yaml",
                "postgres-to-cloudevent.yaml", "sgcluster-to-pglambda.yaml")) {
            SGStream stream = TestStreams.example(example);
            stream.getMetadata().setUid("00000000-0000-0000-0000-000000000001");
            for (HasMetadata object : StreamResources.desired(stream, TestCluster.SETTINGS)) {
                ManifestCheck.unknownFields(object, "", problems);
                if (object instanceof Trigger trigger) {
                    for (int i = 0; i < trigger.getSpec().getFilters().size(); i++) {
                        ManifestCheck.filterRules(trigger.getSpec().getFilters().get(i),
                                trigger.getMetadata().getName() + ".spec.filters[" + i + "]", problems);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}

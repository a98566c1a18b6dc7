package io.sgstream.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Java model and the CRD schema describe the same fields with the same types, everywhere: what the API server
 * accepts, the Java side can read, and the other way round.
 */
class ModelMatchesCrdTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> mismatches = new ArrayList<>();

    @Test
    void specAndStatusHaveTheSameFieldsAndTypes() {
        JSONSchemaProps root = SGStreamCrd.load().getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();

        compare("spec", JSON.constructType(SGStreamSpec.class), root.getProperties().get("spec"));
        compare("status", JSON.constructType(SGStreamStatus.class), root.getProperties().get("status"));

        assertThat(mismatches).isEmpty();
    }

    @Test
    void theComparisonNoticesADifference() {
        JSONSchemaProps root = SGStreamCrd.load().getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
        JSONSchemaProps target = root.getProperties().get("spec").getProperties().get("target");
        target.getProperties().remove("pgLambda");
        target.getProperties().get("type").setType("integer");

        compare("spec", JSON.constructType(SGStreamSpec.class), root.getProperties().get("spec"));

        assertThat(mismatches).containsExactlyInAnyOrder(
                "spec.target: fields only in Java [pgLambda]",
                "spec.target.type: Java String, CRD integer");
    }

    private void compare(String path, JavaType type, JSONSchemaProps schema) {
        Class<?> raw = type.getRawClass();
        if (schema == null) {
            mismatches.add(path + ": missing from the CRD");
        } else if (raw == String.class) {
            expectType(path, schema, "string", raw);
        } else if (raw == Integer.class || raw == Long.class) {
            expectType(path, schema, "integer", raw);
            String format = schema.getFormat();
            if (raw == Integer.class && "int64".equals(format) || raw == Long.class && "int32".equals(format)) {
                mismatches.add(path + ": Java " + raw.getSimpleName() + ", CRD format " + format);
            }
        } else if (raw == Boolean.class) {
            expectType(path, schema, "boolean", raw);
        } else if (Collection.class.isAssignableFrom(raw)) {
            expectType(path, schema, "array", raw);
            if (schema.getItems() != null) {
                compare(path + "[]", type.getContentType(), schema.getItems().getSchema());
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            expectType(path, schema, "object", raw);
            if (schema.getAdditionalProperties() == null || schema.getAdditionalProperties().getSchema() == null) {
                mismatches.add(path + ": Java map, CRD without additionalProperties");
            } else {
                compare(path + ".*", type.getContentType(), schema.getAdditionalProperties().getSchema());
            }
        } else if (raw.getName().startsWith("io.fabric8.")) {
            // Kubernetes types (resources, affinities…): the CRD keeps them whole instead of repeating their schema
            JSONSchemaProps object = "array".equals(schema.getType()) ? schema.getItems().getSchema() : schema;
            if (!Boolean.TRUE.equals(object.getXKubernetesPreserveUnknownFields())) {
                mismatches.add(path + ": Kubernetes type " + raw.getSimpleName() + " without preserve-unknown-fields");
            }
        } else {
            expectType(path, schema, "object", raw);
            compareFields(path, type, schema);
        }
    }

    private void compareFields(String path, JavaType type, JSONSchemaProps schema) {
        List<BeanPropertyDefinition> properties = JSON.getDeserializationConfig().introspect(type).findProperties();
        TreeSet<String> javaOnly = new TreeSet<>();
        TreeSet<String> crdOnly = new TreeSet<>(schema.getProperties().keySet());
        for (BeanPropertyDefinition property : properties) {
            if (!property.hasSetter() && !property.hasField()) {
                continue; // read-only helpers are not part of the resource
            }
            JSONSchemaProps fieldSchema = schema.getProperties().get(property.getName());
            crdOnly.remove(property.getName());
            if (fieldSchema == null) {
                javaOnly.add(property.getName());
            } else {
                compare(path + "." + property.getName(), property.getPrimaryType(), fieldSchema);
            }
        }
        if (!javaOnly.isEmpty()) {
            mismatches.add(path + ": fields only in Java " + javaOnly);
        }
        if (!crdOnly.isEmpty()) {
            mismatches.add(path + ": fields only in the CRD " + crdOnly);
        }
    }

    private void expectType(String path, JSONSchemaProps schema, String expected, Class<?> javaType) {
        if (!expected.equals(schema.getType())) {
            mismatches.add(path + ": Java " + javaType.getSimpleName() + ", CRD " + schema.getType());
        }
    }
}

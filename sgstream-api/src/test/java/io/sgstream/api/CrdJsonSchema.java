package io.sgstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.Map;

/**
 * The CRD's openAPIV3Schema as a JSON Schema that judges an object the way {@code kubectl apply} does with its
 * default strict field validation: unknown fields are errors, except under {@code metadata} and where the schema
 * preserves unknown fields.
 */
final class CrdJsonSchema {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CrdJsonSchema() {
    }

    static Schema of(CustomResourceDefinition crd) {
        JSONSchemaProps openApi = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
        ObjectNode schema = JSON.valueToTree(openApi);
        ObjectNode properties = (ObjectNode) schema.get("properties");
        // the API server accepts these at the root without the schema naming them
        properties.putObject("apiVersion").put("type", "string");
        properties.putObject("kind").put("type", "string");
        forbidUnknownFields(schema, true);
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(schema);
    }

    private static void forbidUnknownFields(JsonNode node, boolean root) {
        if (!(node instanceof ObjectNode schema)) {
            return;
        }
        boolean preserves = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        if (schema.has("properties") && !schema.has("additionalProperties") && !preserves) {
            schema.put("additionalProperties", false);
        }
        for (Map.Entry<String, JsonNode> field : schema.path("properties").properties()) {
            if (!(root && field.getKey().equals("metadata"))) { // Kubernetes owns the rest of metadata
                forbidUnknownFields(field.getValue(), false);
            }
        }
        forbidUnknownFields(schema.get("items"), false);
        if (schema.get("additionalProperties") instanceof ObjectNode valueSchema) {
            forbidUnknownFields(valueSchema, false);
        }
    }
}

package io.sgstream.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class StreamNamesTest {

    private static SGStream stream(String namespace, String name, String debeziumProperties) {
        String yaml = ValidationTest.stream(name, """
                source:
                  type: SGCluster
                  sgCluster:
                    name: shop
                """ + (debeziumProperties.isEmpty() ? "" : "    debeziumProperties:\n" + debeziumProperties.indent(6))
                + """
                target:
                  type: PgLambda
                  pgLambda:
                    script: response.writeHead(200); response.end();
                """);
        if (namespace != null) {
            yaml = yaml.replace("  name: " + name + "\n", "  name: " + name + "\n  namespace: " + namespace + "\n");
        }
        return SGStreams.fromYaml(yaml);
    }

    @Test
    void slotAndPublicationDefaultToNamespaceAndName() {
        SGStream stream = stream("shop-prod", "orders-v2", "");

        assertThat(StreamNames.slotName(stream)).isEqualTo("shop_prod_orders_v2");
        assertThat(StreamNames.publicationName(stream)).isEqualTo("shop_prod_orders_v2");
    }

    @Test
    void defaultNamesAreLowerCaseWithOnlyLettersDigitsAndUnderscores() {
        assertThat(StreamNames.defaultSlotName("Team.A", "Orders v2!")).isEqualTo("team_a_orders_v2_");
    }

    @Test
    void tooLongNamesAreShortenedDeterministicallyAndStayDistinct() {
        String namespace = "n".repeat(63);
        String a = StreamNames.defaultSlotName(namespace, "a".repeat(56));
        String b = StreamNames.defaultSlotName(namespace, "a".repeat(55) + "b");

        assertThat(a).hasSize(63).matches("[a-z0-9_]+").startsWith("n".repeat(54) + "_");
        assertThat(a).isEqualTo(StreamNames.defaultSlotName(namespace, "a".repeat(56)));
        assertThat(a).isNotEqualTo(b);
        assertThat(StreamNames.defaultSlotName("n".repeat(31), "a".repeat(31)))
                .isEqualTo("n".repeat(31) + "_" + "a".repeat(31));
    }

    @Test
    void debeziumPropertiesOverrideTheNames() {
        assertThat(StreamNames.slotName(stream("shop", "orders", "slotName: my_slot"))).isEqualTo("my_slot");
        // StackGres ignores publicationName and always uses the slot name; it is honoured here
        SGStream both = stream("shop", "orders", "slotName: my_slot\npublicationName: my_pub");
        assertThat(StreamNames.slotName(both)).isEqualTo("my_slot");
        assertThat(StreamNames.publicationName(both)).isEqualTo("my_pub");
        assertThat(StreamNames.publicationName(stream("shop", "orders", "slotName: my_slot"))).isEqualTo("my_slot");
    }

    @Test
    void cloudEventSourceAndTopicPrefixIdentifyTheStream() {
        SGStream stream = stream("shop", "orders", "");

        assertThat(StreamNames.streamId(stream).source()).isEqualTo(URI.create("/sgstream/shop/orders"));
        assertThat(StreamNames.cloudEventSource(stream)).as("the old name delegates").isEqualTo(URI.create("/sgstream/shop/orders"));
        assertThat(StreamNames.topicPrefix(stream)).isEqualTo("shop.orders");
    }

    @Test
    void aStreamWithoutNamespaceIsInTheDefaultOne() {
        SGStream stream = stream(null, "orders", "");

        assertThat(StreamNames.namespace(stream)).isEqualTo("default");
        assertThat(StreamNames.slotName(stream)).isEqualTo("default_orders");
        assertThat(StreamNames.streamId(stream).source()).isEqualTo(URI.create("/sgstream/default/orders"));
    }

    @Test
    void pgLambdaUrlDefaultsToTheServiceNamedAfterTheStream() {
        SGStream stream = stream("shop", "orders", "");
        assertThat(StreamNames.pgLambdaUrl(stream)).isEqualTo("http://orders.shop");

        stream.getSpec().getTarget().getPgLambda().setKnative(new io.sgstream.api.spec.PgLambdaKnative());
        stream.getSpec().getTarget().getPgLambda().getKnative().setHttp(new io.sgstream.api.spec.CloudEventHttp());
        stream.getSpec().getTarget().getPgLambda().getKnative().getHttp().setUrl("http://lambda.example");
        assertThat(StreamNames.pgLambdaUrl(stream)).isEqualTo("http://lambda.example");
    }
}

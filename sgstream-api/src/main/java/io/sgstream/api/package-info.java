/**
 * The SGStream resource ({@code stackgres.io/v1alpha1}, field-compatible with StackGres) and what every module
 * needs to use one.
 *
 * <ul>
 *   <li>{@link io.sgstream.api.SGStreams}: load YAML ({@code fromYaml}, {@code fromFile}) into a validated
 *       {@link io.sgstream.api.SGStream}, or get an {@link io.sgstream.api.InvalidSGStreamException} listing every
 *       problem as {@link io.sgstream.api.Violation}s ({@code path: message}).</li>
 *   <li>{@link io.sgstream.api.SGStreamValidator}: the same rules for a stream obtained otherwise.</li>
 *   <li>{@link io.sgstream.api.StreamNames}: replication slot, publication, topic prefix, CloudEvents source,
 *       PgLambda URL.</li>
 *   <li>{@link io.sgstream.api.DebeziumSettings}: the Debezium engine and connector properties a stream implies;
 *       {@link io.sgstream.api.DebeziumFilters} for its include/exclude lists alone.</li>
 *   <li>{@link io.sgstream.api.PostgresConnection}: where and as whom to connect to the source or an SGCluster
 *       target, with Secrets resolved by a {@link io.sgstream.api.secret.SecretResolver}.</li>
 *   <li>{@link io.sgstream.api.SGStreamCrd}: the CustomResourceDefinition shipped in this jar.</li>
 * </ul>
 *
 * <p>The spec types are in {@code io.sgstream.api.spec}, the status types in {@code io.sgstream.api.status}.
 */
package io.sgstream.api;

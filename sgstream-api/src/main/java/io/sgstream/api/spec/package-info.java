/**
 * The types of {@code SGStream.spec}, one class per YAML section, named after their place in the resource
 * ({@code spec.source.postgres} is {@link io.sgstream.api.spec.SourcePostgres}). Field names are StackGres's;
 * unknown fields are rejected when loading with {@link io.sgstream.api.SGStreams}.
 */
package io.sgstream.api.spec;

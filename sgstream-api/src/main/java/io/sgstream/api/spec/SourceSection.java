package io.sgstream.api.spec;

import java.util.List;

/**
 * What the two kinds of source ({@link SourceSGCluster}, {@link SourcePostgres}) have in common, so that code that
 * only needs the database, credentials, filters and Debezium settings does not care which one the stream uses.
 *
 * @see StreamSource#activeSection()
 */
public interface SourceSection {

    String getDatabase();

    SecretKeySelector getUsername();

    SecretKeySelector getPassword();

    List<String> getIncludes();

    List<String> getExcludes();

    Boolean getSkipDropReplicationSlotAndPublicationOnTombstone();

    SourceDebeziumProperties getDebeziumProperties();
}

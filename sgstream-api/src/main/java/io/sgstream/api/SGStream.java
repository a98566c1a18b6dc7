package io.sgstream.api;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The SGStream custom resource ({@code stackgres.io/v1alpha1}, namespaced): one PostgreSQL source captured and
 * delivered to one target. Field-compatible with StackGres, so existing SGStream YAML loads unchanged.
 *
 * <p>Load and validate one with {@link SGStreams#fromYaml(String)} or {@link SGStreams#fromFile(java.nio.file.Path)};
 * use it with a fabric8 client as {@code client.resources(SGStream.class)}.
 */
@Group(SGStream.GROUP)
@Version(SGStream.VERSION)
@Kind(SGStream.KIND)
@Plural(SGStream.PLURAL)
@Singular(SGStream.SINGULAR)
@ShortNames(SGStream.SHORT_NAME)
public class SGStream extends CustomResource<SGStreamSpec, SGStreamStatus> implements Namespaced {

    private static final long serialVersionUID = 1L;

    public static final String GROUP = "stackgres.io";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    public static final String KIND = "SGStream";
    public static final String PLURAL = "sgstreams";
    public static final String SINGULAR = "sgstream";
    public static final String SHORT_NAME = "sgstr";
    /** The CustomResourceDefinition's name. */
    public static final String CRD_NAME = PLURAL + "." + GROUP;

    /**
     * Prefix of the annotations that send a signal to a running stream:
     * {@code debezium-signal.stackgres.io/<signal>: <json data>}, e.g. {@code tombstone}, {@code command} or {@code sync-sequences}.
     */
    public static final String SIGNAL_ANNOTATION_PREFIX = "debezium-signal.stackgres.io/";
    /** Signal that stops the stream gracefully and drops its replication slot and publication. */
    public static final String TOMBSTONE_SIGNAL = "tombstone";
    /** Signal that runs the SQL in {@code {"command": "..."}} on an SGCluster target, in stream order. */
    public static final String COMMAND_SIGNAL = "command";
    /** Signal that sets an SGCluster target's sequences to the source's values at that point of the stream. */
    public static final String SYNC_SEQUENCES_SIGNAL = "sync-sequences";
}

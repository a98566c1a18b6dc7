package io.sgstream.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * {@code spec.source.sgCluster}: capture from an SGCluster in the stream's namespace. The capture service connects
 * to the cluster's read-write service on port {@value #PORT} (PostgreSQL itself, not the connection pooler), as
 * StackGres does. Unset {@code username}/{@code password} mean the cluster's superuser (Secret {@code <cluster>},
 * keys {@value #SUPERUSER_USERNAME_KEY} and {@value #SUPERUSER_PASSWORD_KEY}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SourceSGCluster extends SourceSection {

    /** The port of an SGCluster's read-write service that reaches PostgreSQL directly. */
    public static final int PORT = 5433;
    /** Keys of the Secret named after an SGCluster that hold its superuser credentials. */
    public static final String SUPERUSER_USERNAME_KEY = "superuser-username";
    public static final String SUPERUSER_PASSWORD_KEY = "superuser-password";

    private String name;

    /** Name of the SGCluster, in the stream's namespace. */
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && Objects.equals(name, ((SourceSGCluster) o).name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), name);
    }

    @Override
    protected void describe(StringJoiner fields) {
        add(fields, "name", name);
        super.describe(fields);
    }
}

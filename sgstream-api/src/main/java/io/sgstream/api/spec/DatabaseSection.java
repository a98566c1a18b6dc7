package io.sgstream.api.spec;

import java.util.Objects;
import java.util.StringJoiner;

/**
 * What every section naming a database has: the database and the Secret keys of its credentials. The subclasses
 * ({@link SourceSGCluster}, {@link SourcePostgres}, {@link TargetSGCluster}) say what an unset value means.
 */
public abstract class DatabaseSection {

    public static final String DEFAULT_DATABASE = "postgres";

    private String database;
    private SecretKeySelector username;
    private SecretKeySelector password;

    /** Database name; {@value #DEFAULT_DATABASE} when unset. */
    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }

    /** Secret key holding the user name. */
    public SecretKeySelector getUsername() {
        return username;
    }

    public void setUsername(SecretKeySelector username) {
        this.username = username;
    }

    /** Secret key holding the password. */
    public SecretKeySelector getPassword() {
        return password;
    }

    public void setPassword(SecretKeySelector password) {
        this.password = password;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        DatabaseSection that = (DatabaseSection) o;
        return Objects.equals(database, that.database)
                && Objects.equals(username, that.username)
                && Objects.equals(password, that.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), database, username, password);
    }

    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(", ", getClass().getSimpleName() + "{", "}");
        describe(fields);
        return fields.toString();
    }

    /** Adds the fields that are set, for {@link #toString()}; subclasses add theirs after calling super. */
    protected void describe(StringJoiner fields) {
        add(fields, "database", database);
        add(fields, "username", username);
        add(fields, "password", password);
    }

    protected static void add(StringJoiner fields, String name, Object value) {
        if (value != null) {
            fields.add(name + "=" + value);
        }
    }
}

package dev.polystore.checks.rules.cassandra;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What Amazon Keyspaces refuses although Apache Cassandra runs it: the operations its "Supported
 * Cassandra APIs" page marks unsupported, and forms outside the CQL it documents. Our tests run on
 * Cassandra, so only this check stands between such a statement and a production failure; and one
 * refused statement fails every statement prepared with it. Matches the normalised text of a
 * {@link dev.polystore.checks.statements.Statement}.
 */
public final class KeyspacesCql {

    private record Refusal(Pattern pattern, String message) {
    }

    private static final List<Refusal> REFUSALS = List.of(
            new Refusal(Pattern.compile("\\( [^()]+ , [^()]+ \\) (?:<|<=|>|>=) \\("),
                    "a multi-column slice such as (a, b) < (?, ?), which Keyspaces does not document: fix the first "
                            + "column with = and slice the next, then slice the first column alone (two queries)"),
            new Refusal(Pattern.compile("\\b(?:using|and) ttl 0(?![0-9])"),
                    "USING TTL 0, outside Keyspaces' CQL: write the row without a TTL and delete it when it is done"),
            new Refusal(Pattern.compile("^(?:create|drop) (?:custom )?index\\b"),
                    "a secondary index, which Keyspaces does not support: a table keyed by the looked-up column"),
            new Refusal(Pattern.compile("^(?:create|alter|drop) materialized view\\b"),
                    "a materialized view, which Keyspaces does not support: a second table the code writes too"),
            new Refusal(Pattern.compile("^(?:create|drop) trigger\\b"), "a trigger, which Keyspaces does not support"),
            new Refusal(Pattern.compile("^(?:create (?:or replace )?|drop )(?:function|aggregate)\\b"),
                    "a user-defined function or aggregate, which Keyspaces does not support: compute it in Java"),
            new Refusal(Pattern.compile("^alter type\\b"),
                    "ALTER TYPE, which Keyspaces does not support: a new type and a new column"),
            new Refusal(Pattern.compile("^truncate\\b"),
                    "TRUNCATE, which Keyspaces does not support: delete the rows, or drop and create the table"));

    private KeyspacesCql() {
    }

    /** Why Keyspaces would refuse the statement; empty when nothing is known against it. */
    public static List<String> refusals(String normalisedCql) {
        List<String> found = new ArrayList<>();
        for (Refusal refusal : REFUSALS) {
            if (refusal.pattern().matcher(normalisedCql).find()) {
                found.add(refusal.message());
            }
        }
        return found;
    }
}

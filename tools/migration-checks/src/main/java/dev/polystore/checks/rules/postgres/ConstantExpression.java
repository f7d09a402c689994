package dev.polystore.checks.rules.postgres;

import java.util.regex.Pattern;

/**
 * Whether a column default is a constant in the sense that matters for {@code ADD COLUMN}: since
 * PostgreSQL 11 a non-volatile default is stored once in the catalog instead of being written into
 * every row, so adding the column does not rewrite the table. Accepted: literals (optionally cast or
 * written as {@code type 'literal'}), {@code NULL}, {@code TRUE}/{@code FALSE}, an empty
 * {@code ARRAY[]}, and the transaction-stable {@code now()}/{@code current_timestamp}/
 * {@code current_date}. Anything else, such as {@code gen_random_uuid()} or {@code clock_timestamp()},
 * counts as volatile.
 */
final class ConstantExpression {

    private static final Pattern CAST_SUFFIX = Pattern.compile(
            " ?:: ?[a-z_][a-z0-9_]*(?: [a-z_][a-z0-9_]*)*(?: \\( [0-9 ,]+ \\))?(?:\\[\\])*$");
    private static final Pattern CONSTANT = Pattern.compile(String.join("|",
            "'(?:[^']|'')*'",
            "[+-]? ?[0-9]+(?:\\.[0-9]+)?(?:e[+-]?[0-9]+)?",
            "true|false|null",
            "(?:[a-z_]+ )+'(?:[^']|'')*'",
            "array\\[\\]",
            "now \\( \\)|current_timestamp|current_date"));

    private ConstantExpression() {
    }

    static boolean isConstant(String expression) {
        String e = expression.trim();
        String previous;
        do {
            previous = e;
            e = CAST_SUFFIX.matcher(e).replaceFirst("").trim();
            if (e.startsWith("( ") && e.endsWith(" )") && enclosedByOuterParentheses(e)) {
                e = e.substring(2, e.length() - 2).trim();
            }
        } while (!e.equals(previous));
        return CONSTANT.matcher(e).matches();
    }

    private static boolean enclosedByOuterParentheses(String e) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
                if (depth == 0 && i < e.length() - 1) {
                    return false;
                }
            }
        }
        return depth == 0;
    }
}

package dev.polystore.checks.rules.postgres;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConstantExpressionTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1.5", "( 42 )", "'x'", "'it''s'", "true", "null", "'{}'::jsonb",
            "array[]::text[]", "interval '1 day'", "now ( )", "current_timestamp", "'a'::character varying ( 10 )"})
    void acceptsLiteralsAndTransactionStableTimes(String expression) {
        assertTrue(ConstantExpression.isConstant(expression), expression);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gen_random_uuid ( )", "clock_timestamp ( )", "random ( )",
            "nextval ( 'users_seq' )", "( 1 ) + ( 2 )", "lower ( 'A' )"})
    void refusesFunctionCallsThatMayBeVolatile(String expression) {
        assertFalse(ConstantExpression.isConstant(expression), expression);
    }
}

package dev.polystore.platform.errors;

/**
 * One broken rule on one request field.
 *
 * @param field path of the field, as in the contract ("email", "events[3].occurred_at")
 * @param rule short rule id ("string.email", "email.unique")
 * @param description what is wrong, for people
 */
public record FieldViolation(String field, String rule, String description) {}

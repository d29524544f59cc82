package org.parley.kernel;

/**
 * One wrong field in a request body or query.
 *
 * @param field  the JSON field or query parameter name
 * @param code   stable machine-readable reason: {@code required}, {@code too_short}, {@code too_long},
 *               {@code invalid_format}, {@code invalid_type}, {@code unknown_field}, {@code invalid_value}
 * @param detail English explanation for people and logs
 */
public record FieldError(String field, String code, String detail) {}

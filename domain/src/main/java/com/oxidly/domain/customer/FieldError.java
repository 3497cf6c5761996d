package com.oxidly.domain.customer;

/**
 * What is wrong with one field of a request.
 *
 * @param field the property name as the client sent it, e.g. {@code yearOfBirth}
 * @param message why it was refused, readable on its own after the field name
 */
public record FieldError(String field, String message) {}

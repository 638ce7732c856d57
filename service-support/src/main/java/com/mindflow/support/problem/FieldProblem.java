package com.mindflow.support.problem;

/**
 * One rejected input in a problem's {@code errors} array.
 *
 * @param field   the JSON path of the field or the name of the parameter, e.g. {@code title} or {@code tags[2]}
 * @param message what is wrong with it, never the rejected value (it could be private)
 */
public record FieldProblem(String field, String message) {
}

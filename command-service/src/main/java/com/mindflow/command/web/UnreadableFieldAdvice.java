package com.mindflow.command.web;

import java.util.List;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

import com.mindflow.support.problem.FieldProblem;
import com.mindflow.support.problem.ProblemDetailsAdvice;
import com.mindflow.support.problem.Problems;

import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * A value Jackson could not convert (a date like {@code 10/03/2026}) fails deep inside a
 * {@link DatabindException} that wraps the parser's own exception; the shared advice looks only at the innermost
 * cause and so cannot name the field. This finds the databind failure in the chain and names its path; everything
 * else goes to the shared {@link ProblemDetailsAdvice} unchanged.
 */
@RestControllerAdvice
@Order(0)
class UnreadableFieldAdvice {

    private final ProblemDetailsAdvice shared;

    UnreadableFieldAdvice(ProblemDetailsAdvice shared) {
        this.shared = shared;
    }

    @ExceptionHandler
    ResponseEntity<?> unreadable(HttpMessageNotReadableException ex, WebRequest request) throws Exception {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabindException databind && !(cause instanceof UnrecognizedPropertyException)) {
                String field = path(databind);
                if (field != null) {
                    ProblemDetail problem = Problems.withErrors(HttpStatus.BAD_REQUEST, "invalid-field",
                            "Invalid field(s): " + field,
                            List.of(new FieldProblem(field, "has the wrong type or format")));
                    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
                }
            }
        }
        return shared.handleException(ex, request);
    }

    private static String path(DatabindException ex) {
        StringBuilder path = new StringBuilder();
        for (var reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }
}

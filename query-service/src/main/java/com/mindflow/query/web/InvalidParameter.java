package com.mindflow.query.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import com.mindflow.support.problem.FieldProblem;
import com.mindflow.support.problem.Problems;

/**
 * A 400 naming one parameter, for the rules bean validation cannot state on a single parameter (from ≤ to, a window
 * of allowed values); same body as the shared advice gives for annotated constraints.
 */
public final class InvalidParameter {

    private InvalidParameter() {
    }

    public static ProblemDetail problem(String field, String message) {
        return Problems.withErrors(HttpStatus.BAD_REQUEST, "invalid-field", "Invalid field(s): " + field,
                List.of(new FieldProblem(field, message)));
    }

    public static ResponseEntity<ProblemDetail> response(String field, String message) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(field, message));
    }
}

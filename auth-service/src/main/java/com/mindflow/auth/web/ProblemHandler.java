package com.mindflow.auth.web;

import java.util.List;

import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.mindflow.support.problem.FieldProblem;
import com.mindflow.support.problem.Problems;

/**
 * The auth-service's own refusals as problem details in the shared MindFlow shape; everything else (validation,
 * unreadable or unknown JSON, media types, unexpected failures) is service-support's {@code ProblemDetailsAdvice},
 * which is asked after this one.
 */
@RestControllerAdvice
@Order(0)
class ProblemHandler {

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
        ProblemDetail body = problem.field() == null
                ? Problems.of(problem.status(), problem.code(), problem.getMessage())
                : Problems.withErrors(problem.status(), problem.code(), problem.getMessage(),
                        List.of(new FieldProblem(problem.field(), problem.getMessage())));
        problem.properties().forEach(body::setProperty);
        return ResponseEntity.status(problem.status()).headers(problem.headers()).body(body);
    }
}

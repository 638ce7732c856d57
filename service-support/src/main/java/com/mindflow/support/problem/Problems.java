package com.mindflow.support.problem;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import com.mindflow.support.correlation.Correlation;

/** Builds the RFC 9457 bodies MindFlow answers with: a stable {@code code}, the request id, field errors. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://mindflow.dev/problems/" + code));
        problem.setProperty("code", code);
        String requestId = Correlation.current();
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        return problem;
    }

    public static ProblemDetail withErrors(HttpStatusCode status, String code, String detail,
            List<FieldProblem> errors) {
        ProblemDetail problem = of(status, code, detail);
        problem.setProperty("errors", errors);
        return problem;
    }
}

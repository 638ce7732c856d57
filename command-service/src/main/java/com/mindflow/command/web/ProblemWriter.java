package com.mindflow.command.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import com.mindflow.support.correlation.Correlation;
import com.mindflow.support.problem.FieldProblem;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Problem+json from servlet filters, which run outside Spring MVC's exception handling; the same fields as
 * {@link com.mindflow.support.problem.Problems} produces.
 */
public final class ProblemWriter {

    private static final JsonMapper JSON = new JsonMapper();

    private ProblemWriter() {
    }

    public static void write(HttpServletResponse response, HttpStatus status, String code, String detail,
            List<FieldProblem> errors) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://mindflow.dev/problems/" + code);
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("code", code);
        String requestId = Correlation.current();
        if (requestId != null) {
            problem.put("requestId", requestId);
        }
        if (errors != null && !errors.isEmpty()) {
            problem.put("errors", errors);
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(JSON.writeValueAsBytes(problem));
    }
}

package com.mindflow.auth.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import com.mindflow.support.problem.FieldProblem;
import com.mindflow.support.problem.Problems;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses request bodies over 16 KiB before anything parses them: no auth-service request needs more, and a
 * bcrypt-guarded endpoint is a tempting target for memory exhaustion. A declared length over the limit gets 413 at
 * once; a body without a length (chunked, e.g. through a proxy) is cut off at the limit and then fails to parse (400).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodySizeLimit extends OncePerRequestFilter {

    static final long MAX_BYTES = 16 * 1024;

    private final JsonMapper json;

    BodySizeLimit(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > MAX_BYTES) {
            String detail = "The request body is larger than 16 KiB";
            ProblemDetail problem = Problems.withErrors(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", detail,
                    List.of(new FieldProblem("body", detail)));
            problem.setInstance(URI.create(request.getRequestURI()));
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem);
            return;
        }
        chain.doFilter(length < 0 ? new Capped(request) : request, response);
    }

    /** A request whose body stream ends in an error after {@link #MAX_BYTES}. */
    private static final class Capped extends HttpServletRequestWrapper {

        private ServletInputStream stream;

        Capped(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0 && ++read > MAX_BYTES) {
                            throw new IOException("Request body larger than " + MAX_BYTES + " bytes");
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int len) throws IOException {
                        int n = in.read(buffer, offset, len);
                        if (n > 0 && (read += n) > MAX_BYTES) {
                            throw new IOException("Request body larger than " + MAX_BYTES + " bytes");
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}

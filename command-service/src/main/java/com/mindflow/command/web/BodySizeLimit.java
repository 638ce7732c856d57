package com.mindflow.command.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses request bodies above {@code mindflow.web.max-body-size} with 413 before anything parses them: Tomcat caps
 * form posts only, so a JSON body would otherwise be read whole, however large. Multipart uploads are left to their
 * own, larger limit. The body is kept in memory ({@link BufferedBody}), at most the limit, for filters after this one.
 */
@Component
class BodySizeLimit extends OncePerRequestFilter implements Ordered {

    private final Settings settings;

    BodySizeLimit(Settings settings) {
        this.settings = settings;
    }

    /** @param maxBodySize a whole entry (10,000 characters of content, JSON-escaped) fits with room to spare */
    @ConfigurationProperties("mindflow.web")
    record Settings(@DefaultValue("128KB") DataSize maxBodySize) {
    }

    @Override
    public int getOrder() {
        // Before the security chain (-100): an oversized body costs no token check.
        return -200;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String contentType = request.getContentType();
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = settings.maxBodySize().toBytes();
        if (request.getContentLengthLong() > limit) {
            tooLarge(response, limit);
            return;
        }
        // Chunked bodies have no length up front: read one byte past the limit to know.
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) limit + 1);
        }
        if (body.length > limit) {
            tooLarge(response, limit);
            return;
        }
        chain.doFilter(new BufferedBody(request, body), response);
    }

    private static void tooLarge(HttpServletResponse response, long limit) throws IOException {
        // The rest of the body is not read; the client should not keep the connection for it.
        response.setHeader("Connection", "close");
        ProblemWriter.write(response, HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
                "The request body exceeds " + limit + " bytes", null);
    }
}

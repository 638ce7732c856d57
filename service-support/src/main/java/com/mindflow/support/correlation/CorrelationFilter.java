package com.mindflow.support.correlation;

import java.io.IOException;

import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Takes {@code X-Request-Id} from the request (or creates one), puts it in the MDC for every log line of the request
 * and echoes it in the response. Runs before Spring Security, so a 401 carries the id too.
 */
public class CorrelationFilter extends OncePerRequestFilter {

    /** Request attribute holding the id, for code that runs outside the MDC's thread. */
    public static final String ATTRIBUTE = CorrelationFilter.class.getName() + ".requestId";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = Correlation.acceptOrCreate(request.getHeader(Correlation.HTTP_HEADER));
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(Correlation.HTTP_HEADER, id);
        MDC.put(Correlation.MDC_REQUEST_ID, id);
        try {
            chain.doFilter(request, response);
        }
        finally {
            MDC.remove(Correlation.MDC_REQUEST_ID);
            MDC.remove(Correlation.MDC_USER_ID);
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }
}

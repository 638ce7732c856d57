package com.mindflow.support.security;

import java.io.IOException;

import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import com.mindflow.support.correlation.Correlation;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Once the token is accepted, every further log line of the request (and its request log record) names the user. */
class UserIdMdcFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean set = false;
        if (authentication != null && authentication.getPrincipal() instanceof AuthenticatedUser user) {
            MDC.put(Correlation.MDC_USER_ID, user.userId().toString());
            request.setAttribute(Correlation.USER_ID_ATTRIBUTE, user.userId().toString());
            set = true;
        }
        try {
            chain.doFilter(request, response);
        }
        finally {
            if (set) {
                MDC.remove(Correlation.MDC_USER_ID);
            }
        }
    }
}

package com.mindflow.support.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.beans.TypeMismatchException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every failure of a MindFlow endpoint as RFC 9457 {@code application/problem+json}, in one place: bad input names
 * each field in {@code errors} ({@code {"field":"title","message":"..."}}), no answer ever carries a stack trace or an
 * exception message that was not written for clients, and an unexpected exception is a bare 500 (logged here with its
 * request id).
 *
 * <p>Ordered last: a service's own advice for its domain failures (any order but {@link Ordered#LOWEST_PRECEDENCE},
 * e.g. {@code @Order(0)}) is asked first. Exceptions implementing {@link ErrorResponse} are rendered as they describe
 * themselves.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        ex.getBindingResult().getFieldErrors()
                .forEach(e -> errors.add(new FieldProblem(e.getField(), message(e))));
        ex.getBindingResult().getGlobalErrors()
                .forEach(e -> errors.add(new FieldProblem(e.getObjectName(), message(e))));
        return invalid(headers, errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        for (ParameterValidationResult result : ex.getParameterValidationResults()) {
            String name = parameterName(result);
            if (result instanceof ParameterErrors parameterErrors) {
                for (FieldError fieldError : parameterErrors.getFieldErrors()) {
                    errors.add(new FieldProblem(fieldError.getField(), message(fieldError)));
                }
                if (!parameterErrors.getFieldErrors().isEmpty()) {
                    continue;
                }
            }
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                errors.add(new FieldProblem(name, message(error)));
            }
        }
        return invalid(headers, errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown, unknown.getPropertyName());
            return body(headers, Problems.withErrors(HttpStatus.BAD_REQUEST, "unknown-field",
                    "Unknown field '" + field + "'", List.of(new FieldProblem(field, "is not a known field"))));
        }
        // A value that cannot be converted (a date like 10/03/2026) fails as a databind exception wrapping the
        // parser's own (DateTimeParseException): the field's path is on the wrapper, not on the innermost cause.
        for (Throwable t = ex.getCause(); t != null; t = t.getCause()) {
            if (t instanceof DatabindException databind && !(t instanceof UnrecognizedPropertyException)) {
                String field = path(databind, null);
                if (field != null) {
                    return body(headers, Problems.withErrors(HttpStatus.BAD_REQUEST, "invalid-field",
                            "Invalid field(s): " + field,
                            List.of(new FieldProblem(field, "has the wrong type or format"))));
                }
            }
        }
        String detail = cause instanceof JacksonException ? "The request body is not valid JSON"
                : "The request body is missing or cannot be read";
        return body(headers, Problems.of(HttpStatus.BAD_REQUEST, "unreadable-body", detail));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "Content type " + (ex.getContentType() == null ? "(none)" : ex.getContentType())
                        + " is not supported; use one of " + ex.getSupportedMediaTypes());
        return body(headers, problem, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return body(new HttpHeaders(), Problems.of(HttpStatus.NOT_ACCEPTABLE, "not-acceptable",
                "None of the accepted media types can be produced"), HttpStatus.NOT_ACCEPTABLE);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalid(headers, List.of(new FieldProblem(ex.getParameterName(), "is required")));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalid(headers, List.of(new FieldProblem(ex.getRequestPartName(), "is required")));
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex instanceof NulFreeInput.NulInParameter nul) {
            return invalid(headers, List.of(new FieldProblem(nul.parameter(), "must not contain the NUL character")));
        }
        return super.handleServletRequestBindingException(ex, headers, status, request);
    }

    /** A multipart body that cannot be parsed (a broken boundary, a truncated part): the client's mistake. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> unreadableMultipart(MultipartException ex) {
        return body(new HttpHeaders(), Problems.of(HttpStatus.BAD_REQUEST, "unreadable-body",
                "The multipart request body cannot be read"), HttpStatus.BAD_REQUEST);
    }

    @Override
    protected ResponseEntity<Object> handleMissingPathVariable(MissingPathVariableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (ex.isMissingAfterConversion()) {
            // The client sent one, but blank after conversion (e.g. a tab where an id goes): the client's mistake.
            return invalid(headers, List.of(new FieldProblem(ex.getVariableName(), "is not a valid value")));
        }
        // A mapping mistake on our side, not the client's.
        return unexpected(ex);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : ex.getPropertyName();
        String expected = ex.getRequiredType() == null ? "another type" : ex.getRequiredType().getSimpleName();
        return invalid(headers, List.of(new FieldProblem(name, "must be a valid " + expected)));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return body(headers, Problems.of(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large",
                "The upload exceeds the maximum size"), HttpStatus.CONTENT_TOO_LARGE);
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return body(headers, Problems.of(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                "Method " + ex.getMethod() + " is not supported here"), HttpStatus.METHOD_NOT_ALLOWED);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return notFound(headers);
    }

    @Override
    protected ResponseEntity<Object> handleNoHandlerFoundException(NoHandlerFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return notFound(headers);
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<Object> missingHeader(MissingRequestHeaderException ex) {
        return invalid(new HttpHeaders(), List.of(new FieldProblem(ex.getHeaderName(), "header is required")));
    }

    /** Thrown inside a handler (e.g. by method security or {@code @CurrentUser}): same answers as the filter chain. */
    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> unauthenticated(AuthenticationException ex) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return body(headers, Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated",
                "A valid access token is required"), HttpStatus.UNAUTHORIZED);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> forbidden(AccessDeniedException ex) {
        return body(new HttpHeaders(), Problems.of(HttpStatus.FORBIDDEN, "forbidden",
                "You may not do this"), HttpStatus.FORBIDDEN);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex) {
        if (StoreOutage.isOutage(ex)) {
            // Not a bug: a store is down or slow. The client may retry; the cause is logged without its stack.
            log.warn("A store is unavailable: {}", ex.toString());
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, "5");
            return body(headers, Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable",
                    "A store this request needs is unavailable; try again shortly"), HttpStatus.SERVICE_UNAVAILABLE);
        }
        log.error("Unexpected failure", ex);
        return body(new HttpHeaders(), Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "Something went wrong on our side; the request id identifies it"), HttpStatus.INTERNAL_SERVER_ERROR);
    }

    /** Other standard Spring exceptions: keep Spring's status and text, add the MindFlow fields. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getProperties() == null) {
            ProblemDetail decorated = Problems.of(statusCode, codeFor(statusCode), problem.getDetail());
            decorated.setTitle(problem.getTitle());
            decorated.setInstance(problem.getInstance());
            body = decorated;
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    private ResponseEntity<Object> invalid(HttpHeaders headers, List<FieldProblem> errors) {
        String fields = errors.stream().map(FieldProblem::field).distinct().collect(Collectors.joining(", "));
        return body(headers, Problems.withErrors(HttpStatus.BAD_REQUEST, "invalid-field",
                "Invalid field(s): " + fields, errors));
    }

    private ResponseEntity<Object> notFound(HttpHeaders headers) {
        return body(headers, Problems.of(HttpStatus.NOT_FOUND, "not-found", "No such resource"), HttpStatus.NOT_FOUND);
    }

    private static ResponseEntity<Object> body(HttpHeaders headers, ProblemDetail problem) {
        return body(headers, problem, HttpStatus.BAD_REQUEST);
    }

    private static ResponseEntity<Object> body(HttpHeaders headers, ProblemDetail problem, HttpStatus status) {
        problem.setStatus(status);
        return ResponseEntity.status(status).headers(headers)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String codeFor(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "error" : known.name().toLowerCase().replace('_', '-');
    }

    private static String message(MessageSourceResolvable error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }

    private static String parameterName(ParameterValidationResult result) {
        String name = result.getMethodParameter().getParameterName();
        return name == null ? "parameter" + result.getMethodParameter().getParameterIndex() : name;
    }

    /** The JSON path of a databind failure, like {@code tags[2]} or {@code location.city}. */
    private static String path(DatabindException ex, String fallback) {
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
        return path.isEmpty() ? fallback : path.toString();
    }
}

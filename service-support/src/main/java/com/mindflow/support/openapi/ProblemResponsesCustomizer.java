package com.mindflow.support.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * Documents what every MindFlow endpoint can answer besides its success: RFC 9457 problem details
 * ({@code application/problem+json}, schema {@value #PROBLEM}) built by service-support's {@code Problems}.
 * <ul>
 * <li>each error response a controller declares ({@code @ApiResponse(responseCode = "409", description = ...)})
 * gets the problem body, and only that;</li>
 * <li>every operation also gets the errors service-support answers for any endpoint: 400 when it takes input (path
 * variables, parameters or a body), 401 unless the path is public, 404 when it names a resource by path, 415 when it
 * takes a body, 500 and 503;</li>
 * <li>an operation on a public path ({@link com.mindflow.support.security.SecuritySettings}) needs no token:
 * {@code security: []};</li>
 * <li>a form body (a multipart upload) is an inline schema springdoc builds from the parts: it gets the request
 * body's description, or one naming its parts, so every schema of the document is described.</li>
 * </ul>
 * Descriptions a controller wrote are kept. Nothing here fails a document: what it cannot tell it leaves as is.
 */
public class ProblemResponsesCustomizer implements GlobalOpenApiCustomizer {

    static final String PROBLEM = "Problem";
    static final String FIELD_PROBLEM = "FieldProblem";
    static final String PROBLEM_JSON = "application/problem+json";
    static final String SPRING_PROBLEM_DETAIL = "ProblemDetail";

    private static final Map<String, String> STANDARD = Map.of(
            "400", "The request is malformed or a field or parameter is invalid (code `invalid-field`, "
                    + "`unknown-field`, `unreadable-body`; `errors` names each field).",
            "401", "No valid access token: it is missing, expired, or its session has ended (code `unauthenticated`).",
            "404", "No such resource, or it is not the caller's (code `not-found`).",
            "415", "The body's content type is not accepted here (code `unsupported-media-type`).",
            "500", "Something went wrong on the service's side; the `requestId` identifies it (code `internal-error`).",
            "503", "A store this request needs is unavailable; try again shortly (code `store-unavailable`, with "
                    + "`Retry-After`).");

    private static final Map<String, String> OTHER = Map.ofEntries(
            Map.entry("403", "The caller may not do this (code `forbidden`)."),
            Map.entry("405", "The method is not allowed on this path."),
            Map.entry("409", "The request conflicts with the resource's current state."),
            Map.entry("410", "The resource existed but is gone."),
            Map.entry("412", "A precondition (`If-Match`) does not hold: the resource changed meanwhile."),
            Map.entry("413", "The body is larger than allowed (code `upload-too-large`)."),
            Map.entry("422", "The request is well-formed but cannot be processed as asked."),
            Map.entry("423", "The account is locked."),
            Map.entry("428", "A precondition (`If-Match`) is required."),
            Map.entry("429", "Too many requests; try again after `Retry-After` seconds."));

    private final List<PathPattern> publicPaths;

    public ProblemResponsesCustomizer(List<String> publicPaths) {
        PathPatternParser parser = new PathPatternParser();
        this.publicPaths = publicPaths.stream().map(parser::parse).toList();
    }

    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        components.addSchemas(FIELD_PROBLEM, fieldProblemSchema());
        components.addSchemas(PROBLEM, problemSchema());
        describeSpringProblemDetail(components);
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            boolean open = isPublic(path);
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.readOperationsMap().entrySet()) {
                customise(path, item, entry.getValue(), open);
            }
        });
    }

    boolean isPublic(String pathTemplate) {
        PathContainer path = PathContainer.parsePath(pathTemplate.replaceAll("\\{[^}/]+}", "x"));
        return publicPaths.stream().anyMatch(pattern -> pattern.matches(path));
    }

    private static void customise(String path, PathItem item, Operation operation, boolean open) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        if (open) {
            operation.setSecurity(new ArrayList<>());
        }
        List<Parameter> parameters = new ArrayList<>();
        if (item.getParameters() != null) {
            parameters.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            parameters.addAll(operation.getParameters());
        }
        boolean body = operation.getRequestBody() != null;
        if (body) {
            describeForms(operation.getRequestBody());
        }
        Map<String, String> add = new TreeMap<>();
        if (body || !parameters.isEmpty()) {
            add.put("400", STANDARD.get("400"));
        }
        if (!open) {
            add.put("401", STANDARD.get("401"));
        }
        if (path.contains("{")) {
            add.put("404", STANDARD.get("404"));
        }
        if (body) {
            add.put("415", STANDARD.get("415"));
        }
        add.put("500", STANDARD.get("500"));
        add.put("503", STANDARD.get("503"));
        add.forEach((code, description) -> {
            if (!responses.containsKey(code)) {
                responses.addApiResponse(code, new ApiResponse().description(description));
            }
        });
        responses.forEach((code, response) -> {
            if (code.equals("204")) {
                response.setContent(null); // No Content has no body, whatever the method's return type says
                return;
            }
            if (!isError(code)) {
                return;
            }
            if (response.getDescription() == null || response.getDescription().isBlank()) {
                response.setDescription(STANDARD.getOrDefault(code, OTHER.getOrDefault(code, "An error.")));
            }
            // MindFlow's errors are always problem details (springdoc would give a declared error response the
            // method's return type).
            if (response.getContent() == null || !response.getContent().containsKey(PROBLEM_JSON)) {
                response.setContent(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
            }
        });
    }

    /**
     * Spring's {@code ProblemDetail}, which springdoc lists when a controller's {@code @ExceptionHandler} returns one;
     * the answers themselves are documented as {@value #PROBLEM}.
     */
    private static void describeSpringProblemDetail(Components components) {
        Schema<?> detail = components.getSchemas() == null ? null : components.getSchemas().get(SPRING_PROBLEM_DETAIL);
        if (detail != null && (detail.getDescription() == null || detail.getDescription().isBlank())) {
            detail.setDescription("An RFC 9457 problem detail as an exception handler returns it; every error "
                    + "answer is documented, and sent, as a `" + PROBLEM + "`.");
        }
    }

    /** Each inline object schema of the body without a description (springdoc's form of the parts) gets one. */
    private static void describeForms(RequestBody body) {
        if (body.getContent() == null) {
            return;
        }
        body.getContent().forEach((type, media) -> {
            Schema<?> schema = media.getSchema();
            if (schema == null || schema.get$ref() != null || schema.getProperties() == null
                    || (schema.getDescription() != null && !schema.getDescription().isBlank())) {
                return;
            }
            if (body.getDescription() != null && !body.getDescription().isBlank()) {
                schema.setDescription(body.getDescription());
                return;
            }
            List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
            List<String> parts = schema.getProperties().keySet().stream()
                    .map(name -> "`" + name + "`" + (required.contains(name) ? " (required)" : "")).toList();
            schema.setDescription("A " + type + " form with the part" + (parts.size() == 1 ? " " : "s ")
                    + String.join(", ", parts) + ".");
        });
    }

    private static boolean isError(String code) {
        return code.length() == 3 && (code.startsWith("4") || code.startsWith("5"));
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static Schema problemSchema() {
        Schema schema = new ObjectSchema()
                .description("An RFC 9457 problem detail: why the request failed. `code` is stable and meant for "
                        + "programs; `title` and `detail` are for people.");
        schema.addProperty("type", new StringSchema().format("uri")
                .description("The problem type, https://mindflow.dev/problems/{code}."));
        schema.addProperty("title", new StringSchema().description("The HTTP status' reason phrase."));
        schema.addProperty("status", new IntegerSchema().format("int32").description("The HTTP status code."));
        schema.addProperty("detail", new StringSchema()
                .description("What went wrong, for people; never contains private data."));
        schema.addProperty("instance", new StringSchema().format("uri-reference")
                .description("The path of the request that failed."));
        schema.addProperty("code", new StringSchema()
                .description("A stable machine-readable code, e.g. `not-found`, `invalid-field`, `unauthenticated`."));
        schema.addProperty("requestId", new StringSchema()
                .description("The request's id (its `X-Request-Id`), to find it in the logs."));
        schema.addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/" + FIELD_PROBLEM))
                .description("For invalid input: one entry per rejected field or parameter."));
        schema.setRequired(List.of("type", "title", "status"));
        return schema;
    }

    @SuppressWarnings("rawtypes")
    private static Schema fieldProblemSchema() {
        Schema schema = new ObjectSchema().description("One rejected input of a problem's `errors`.");
        schema.addProperty("field", new StringSchema()
                .description("The JSON path of the field or the parameter's name, e.g. `title` or `tags[2]`."));
        schema.addProperty("message", new StringSchema()
                .description("What is wrong with it; never the rejected value (it could be private)."));
        schema.setRequired(List.of("field", "message"));
        return schema;
    }
}

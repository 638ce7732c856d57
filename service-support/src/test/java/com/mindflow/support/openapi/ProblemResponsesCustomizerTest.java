package com.mindflow.support.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;

/** What the shared customizer adds so that every schema of a service's document is described. */
class ProblemResponsesCustomizerTest {

    private final ProblemResponsesCustomizer customizer = new ProblemResponsesCustomizer(List.of("/api/auth/**"));

    @Test
    void theProblemSchemasAreDescribedDownToEachProperty() {
        OpenAPI api = new OpenAPI();
        customizer.customise(api);
        for (String name : List.of(ProblemResponsesCustomizer.PROBLEM, ProblemResponsesCustomizer.FIELD_PROBLEM)) {
            Schema<?> schema = api.getComponents().getSchemas().get(name);
            assertThat(schema.getDescription()).as(name).isNotBlank();
            schema.getProperties().forEach((property, value) -> assertThat(value.getDescription())
                    .as(name + "." + property).isNotBlank());
        }
    }

    @Test
    void springsProblemDetailGetsADescriptionAndAWrittenOneIsKept() {
        OpenAPI api = new OpenAPI().components(new Components()
                .addSchemas("ProblemDetail", new ObjectSchema())
                .addSchemas("Other", new ObjectSchema().description("Kept.")));
        customizer.customise(api);
        assertThat(api.getComponents().getSchemas().get("ProblemDetail").getDescription()).contains("Problem");
        assertThat(api.getComponents().getSchemas().get("Other").getDescription()).isEqualTo("Kept.");
    }

    @Test
    void aFormTakesTheRequestBodysDescription() {
        Schema<?> form = form();
        OpenAPI api = upload(new RequestBody().description("The upload: part `file`, an image.").content(
                new Content().addMediaType("multipart/form-data", new MediaType().schema(form))));
        customizer.customise(api);
        assertThat(form.getDescription()).isEqualTo("The upload: part `file`, an image.");
    }

    @Test
    void aFormWithoutADescribedBodyIsDescribedByItsParts() {
        Schema<?> form = form();
        form.addProperty("note", new StringSchema());
        OpenAPI api = upload(new RequestBody().content(
                new Content().addMediaType("multipart/form-data", new MediaType().schema(form))));
        customizer.customise(api);
        assertThat(form.getDescription()).isEqualTo("A multipart/form-data form with the parts `file` (required), "
                + "`note`.");
    }

    @Test
    void aReferencedOrDescribedBodySchemaIsLeftAsItIs() {
        Schema<?> ref = new Schema<>().$ref("#/components/schemas/Thing");
        Schema<?> described = form().description("Written by the controller.");
        OpenAPI api = upload(new RequestBody().description("Body.").content(new Content()
                .addMediaType("application/json", new MediaType().schema(ref))
                .addMediaType("multipart/form-data", new MediaType().schema(described))));
        customizer.customise(api);
        assertThat(ref.getDescription()).isNull();
        assertThat(described.getDescription()).isEqualTo("Written by the controller.");
    }

    private static Schema<?> form() {
        Schema<?> form = new ObjectSchema();
        form.addProperty("file", new StringSchema().format("binary"));
        form.setRequired(List.of("file"));
        return form;
    }

    private static OpenAPI upload(RequestBody body) {
        return new OpenAPI().paths(new Paths().addPathItem("/api/uploads",
                new PathItem().post(new Operation().requestBody(body))));
    }
}

package com.mindflow.support.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import com.mindflow.support.TestApplication;

import tools.jackson.databind.json.JsonMapper;

/** Every failure answers problem+json with named fields and no internals; no server needed. */
@SpringBootTest(classes = TestApplication.class, properties = {
        "mindflow.security.public-paths=/open/**",
        "management.health.kafka.enabled=false", "mindflow.request-log.enabled=false" })
@AutoConfigureMockMvc
class ProblemDetailsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper sharedMapper;

    @Test
    void namesEveryInvalidFieldOfABody() throws Exception {
        mvc.perform(post("/open/entries").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\" \",\"tags\":[\"a\",\"b\",\"c\",\"d\"],\"wordCount\":1}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.code").value("invalid-field"))
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("title", "tags")))
                .andExpect(jsonPath("$.errors[0].message").isNotEmpty());
    }

    @Test
    void refusesUnknownFieldsInRequestBodies() throws Exception {
        mvc.perform(post("/open/entries").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"Hi\",\"wordCount\":1,\"titel\":\"typo\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("unknown-field"))
                .andExpect(jsonPath("$.errors[0].field").value("titel"));
    }

    @Test
    void leavesTheApplicationsJsonMapperTolerant() {
        record Small(String title) {
        }
        assertThat(sharedMapper.readValue("{\"title\":\"x\",\"extra\":1}", Small.class).title()).isEqualTo("x");
    }

    @Test
    void namesTheFieldOfAWrongType() throws Exception {
        mvc.perform(post("/open/entries").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"Hi\",\"wordCount\":\"many\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("wordCount"));
    }

    @Test
    void textWithTheNulCharacterIsRefusedNamingTheField() throws Exception {
        mvc.perform(post("/open/entries").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"a\\u0000b\",\"wordCount\":1}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("title"));
        mvc.perform(get("/open/entries").param("limit", "5").param("tag", "a\u0000b"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("tag"));
    }

    @Test
    void anIdThatIsBlankAfterConversionIsTheClientsMistake() throws Exception {
        mvc.perform(get("/open/entries/{id}", "\t"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("id"));
    }

    @Test
    void malformedJsonIsABadRequestWithoutParserDetails() throws Exception {
        mvc.perform(post("/open/entries").contentType(MediaType.APPLICATION_JSON).content("{\"title\": "))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("unreadable-body"))
                .andExpect(content().string(Matchers.not(Matchers.containsString("tools.jackson"))));
    }

    @Test
    void unsupportedMediaTypeIs415() throws Exception {
        mvc.perform(post("/open/entries").contentType(MediaType.TEXT_PLAIN).content("hello"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("unsupported-media-type"));
    }

    @Test
    void namesAMissingParameter() throws Exception {
        mvc.perform(get("/open/entries"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("limit"));
    }

    @Test
    void namesAParameterOutOfRange() throws Exception {
        mvc.perform(get("/open/entries").param("limit", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("limit"));
    }

    @Test
    void namesAParameterOfTheWrongType() throws Exception {
        mvc.perform(get("/open/entries").param("limit", "ten"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("limit"));
        mvc.perform(get("/open/entries/not-a-uuid"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("id"));
    }

    @Test
    void tooLargeUploadIs413() throws Exception {
        mvc.perform(post("/open/upload"))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("upload-too-large"));
    }

    @Test
    void unexpectedFailureIsABare500WithTheRequestId() throws Exception {
        mvc.perform(get("/open/boom").header("X-Request-Id", "req-123"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("X-Request-Id", "req-123"))
                .andExpect(jsonPath("$.requestId").value("req-123"))
                .andExpect(jsonPath("$.code").value("internal-error"))
                .andExpect(content().string(Matchers.not(Matchers.containsString("secret"))))
                .andExpect(content().string(Matchers.not(Matchers.containsString("IllegalState"))))
                .andExpect(content().string(Matchers.not(Matchers.containsString("trace"))));
    }

    @Test
    void unknownPathIs404Problem() throws Exception {
        mvc.perform(get("/open/nothing-here"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("not-found"));
    }

    @Test
    void protectedPathWithoutTokenIs401Problem() throws Exception {
        mvc.perform(get("/secure/me"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("WWW-Authenticate", "Bearer"))
                .andExpect(jsonPath("$.code").value("unauthenticated"))
                .andExpect(header().exists("X-Request-Id"));
    }
}

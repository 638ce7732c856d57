package com.mindflow.support;

import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

import com.mindflow.support.security.AuthenticatedUser;
import com.mindflow.support.security.CurrentUser;
import com.mindflow.support.security.UserId;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A minimal service built only from service-support's auto-configurations, for its own tests. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class TestApplication {

    record EntryRequest(@NotBlank String title, @Size(max = 3) List<@NotBlank String> tags, int wordCount) {
    }

    @RestController
    static class OpenEndpoints {

        @PostMapping(path = "/open/entries", consumes = MediaType.APPLICATION_JSON_VALUE)
        Map<String, Object> create(@Valid @RequestBody EntryRequest request) {
            return Map.of("title", request.title());
        }

        @GetMapping("/open/entries")
        Map<String, Object> list(@RequestParam @Min(1) @Max(100) int limit) {
            return Map.of("limit", limit);
        }

        @GetMapping("/open/entries/{id}")
        Map<String, Object> one(@PathVariable java.util.UUID id) {
            return Map.of("id", id);
        }

        @PostMapping("/open/upload")
        void upload() {
            throw new MaxUploadSizeExceededException(1024);
        }

        @GetMapping("/open/boom")
        void boom() {
            throw new IllegalStateException("secret internals at com.mindflow.Secret");
        }
    }

    @RestController
    static class SecuredEndpoints {

        @GetMapping("/secure/me")
        Map<String, Object> me(@CurrentUser UserId user, @CurrentUser AuthenticatedUser caller) {
            return Map.of("userId", user.toString(), "sessionId", caller.sessionId(), "zone", caller.zone().getId());
        }
    }
}

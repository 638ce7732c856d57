package com.mindflow.auth.token;

import java.time.Duration;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Publishes the public signing keys; every service verifies access tokens against this document. */
@Tag(name = "Keys", description = "The public keys that verify MindFlow's access tokens.")
@RestController
class JwksController {

    private final KeyRing keys;

    JwksController(KeyRing keys) {
        this.keys = keys;
    }

    @Operation(summary = "Get the public signing keys (JWKS) that verify access tokens")
    @ApiResponse(responseCode = "200", description = "The JSON Web Key Set (RFC 7517); cacheable for five minutes",
            content = @Content(mediaType = "application/json", schema = @Schema(type = "object",
                    description = "A JSON Web Key Set (RFC 7517): `keys`, the public RSA keys that verify the RS256 "
                            + "signatures of access tokens, each named by its `kid`.")))
    @GetMapping(path = "/.well-known/jwks.json", produces = "application/json")
    ResponseEntity<Map<String, Object>> jwks() {
        // Short cache: a freshly rotated key must reach the verifiers well before it signs many tokens.
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(keys.publicJwks().toJSONObject(true));
    }
}

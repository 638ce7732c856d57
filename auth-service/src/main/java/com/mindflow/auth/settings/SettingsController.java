package com.mindflow.auth.settings;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.mindflow.auth.web.NotFound;
import com.mindflow.support.security.AuthenticatedUser;
import com.mindflow.support.security.CurrentUser;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The signed-in user's preferences; a change is saved with its {@code UserSettingsUpdated} event. */
@Tag(name = "Settings", description = "The signed-in user's preferences.")
@RestController
@RequestMapping("/api/me/settings")
class SettingsController {

    private final Settings settings;
    private final SettingsChanges changes;

    SettingsController(Settings settings, SettingsChanges changes) {
        this.settings = settings;
        this.changes = changes;
    }

    @Operation(summary = "Get the signed-in user's settings")
    @ApiResponse(responseCode = "200", description = "The settings")
    @GetMapping
    UserSettings get(@CurrentUser AuthenticatedUser caller) {
        return settings.of(caller.userId()).orElseThrow(() -> new NotFound("settings"));
    }

    @Operation(summary = "Change some of the signed-in user's settings")
    @ApiResponse(responseCode = "200", description = "The settings after the change")
    @PatchMapping(consumes = "application/json")
    UserSettings patch(@CurrentUser AuthenticatedUser caller, @Valid @RequestBody SettingsPatch patch) {
        return changes.apply(caller.userId(), patch);
    }
}

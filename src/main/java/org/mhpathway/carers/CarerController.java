package org.mhpathway.carers;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import org.mhpathway.carers.CarerEditor.CarerView;
import org.mhpathway.carers.CarerEditor.CarersView;
import org.mhpathway.access.Allowed;
import org.mhpathway.access.Caller;
import org.mhpathway.access.Roles;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The person's chosen carers, their contact details and the person's consent to share with them. Read by those who
 * care for the person and by managers; recorded by the ward. The discharge hub and housing never read them: carers'
 * names and contacts are no part of an escalation.
 */
@RestController
@RequestMapping("/api/pathways/{pathwayId}/carers")
class CarerController {

    private final CarerEditor editor;

    CarerController(CarerEditor editor) {
        this.editor = editor;
    }

    @GetMapping
    @Allowed({Roles.WARD_CLINICIANS, Roles.BED_MANAGEMENT, Roles.COMMUNITY_MH_TEAM, Roles.MANAGERS})
    CarersView carers(@PathVariable String pathwayId) {
        return editor.view(pathwayId);
    }

    /** 201 with the carer as recorded; 400 naming each bad field; 404 unknown pathway; 409 closed pathway. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed({Roles.WARD_CLINICIANS})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = CarerRequests.NewCarer.class)))
    ResponseEntity<CarerView> add(@PathVariable String pathwayId, @RequestBody(required = false) String body,
                                  @AuthenticationPrincipal Caller caller) {
        return ResponseEntity.status(HttpStatus.CREATED).body(editor.add(pathwayId, body, caller.userId()));
    }

    @PutMapping(path = "/{carerId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed({Roles.WARD_CLINICIANS})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = CarerRequests.Contact.class)))
    CarerView updateContact(@PathVariable String pathwayId, @PathVariable long carerId,
                            @RequestBody(required = false) String body) {
        return editor.updateContact(pathwayId, carerId, body);
    }

    @PostMapping(path = "/{carerId}/consent", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed({Roles.WARD_CLINICIANS})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = CarerRequests.Consent.class)))
    CarerView recordConsent(@PathVariable String pathwayId, @PathVariable long carerId,
                            @RequestBody(required = false) String body, @AuthenticationPrincipal Caller caller) {
        return editor.recordConsent(pathwayId, carerId, body, caller.userId());
    }
}

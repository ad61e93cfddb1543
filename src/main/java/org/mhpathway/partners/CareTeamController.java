package org.mhpathway.partners;

import java.util.Map;
import org.mhpathway.partners.CareTeamEditor.Assignment;
import org.mhpathway.partners.CareTeamEditor.MemberSummary;
import org.mhpathway.access.Allowed;
import org.mhpathway.access.Roles;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A person's care team: which partner plays which role. Edited by clinicians. */
@RestController
@RequestMapping("/api/pathways/{pathwayId}/care-team")
class CareTeamController {

    private final CareTeamEditor editor;

    CareTeamController(CareTeamEditor editor) {
        this.editor = editor;
    }

    @GetMapping
    @Allowed({Roles.WARD_CLINICIANS, Roles.BED_MANAGEMENT, Roles.COMMUNITY_MH_TEAM, Roles.DISCHARGE_HUB, Roles.HOUSING,
            Roles.MANAGERS})
    Map<String, MemberSummary> careTeam(@PathVariable String pathwayId) {
        return editor.view(pathwayId);
    }

    @PutMapping("/{role}")
    @Allowed({Roles.WARD_CLINICIANS, Roles.DISCHARGE_HUB})
    Map<String, MemberSummary> assign(@PathVariable String pathwayId, @PathVariable String role,
                                      @RequestBody(required = false) Assignment body) {
        return editor.assign(pathwayId, role, body);
    }

    @DeleteMapping("/{role}")
    @Allowed({Roles.WARD_CLINICIANS, Roles.DISCHARGE_HUB})
    Map<String, MemberSummary> remove(@PathVariable String pathwayId, @PathVariable String role) {
        return editor.remove(pathwayId, role);
    }
}

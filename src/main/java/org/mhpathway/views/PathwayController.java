package org.mhpathway.views;

import org.mhpathway.access.Allowed;
import org.mhpathway.access.Caller;
import org.mhpathway.access.Roles;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/pathways")
class PathwayController {

    private final PathwayQuery query;

    PathwayController(PathwayQuery query) {
        this.query = query;
    }

    @GetMapping("/{pathwayId}")
    @Allowed({Roles.WARD_CLINICIANS, Roles.BED_MANAGEMENT, Roles.COMMUNITY_MH_TEAM, Roles.DISCHARGE_HUB, Roles.HOUSING,
            Roles.MANAGERS})
    PathwayView pathway(@AuthenticationPrincipal Caller caller, @PathVariable String pathwayId) {
        PathwayView view = query.view(pathwayId);
        // the discharge hub and housing never see clinical notes (docs/security.md)
        return caller == null || caller.inAnyOf(Roles.CLINICAL) || caller.inAnyOf(java.util.List.of(Roles.MANAGERS))
                || caller.administrator() ? view
                : view.withoutClinicalNotes();
    }
}

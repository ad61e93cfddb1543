package org.mhpathway.referral;

import java.net.URI;
import java.util.Map;
import org.mhpathway.access.Allowed;
import org.mhpathway.access.Roles;
import org.mhpathway.access.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/referrals")
class ReferralController {

    private final ReferralService referrals;

    ReferralController(ReferralService referrals) {
        this.referrals = referrals;
    }

    /** Bed management and the crisis team take referrals, and only for an ICS they work in. */
    @PostMapping
    @Allowed({Roles.BED_MANAGEMENT, Roles.WARD_CLINICIANS})
    ResponseEntity<Map<String, String>> refer(@AuthenticationPrincipal Caller caller, @RequestBody(required = false) ReferralRequest request) {
        String pathwayId = referrals.refer(request, caller);
        URI location = URI.create("/api/pathways/" + pathwayId);
        return ResponseEntity.created(location).body(Map.of("pathwayId", pathwayId, "pathway", location.toString()));
    }
}

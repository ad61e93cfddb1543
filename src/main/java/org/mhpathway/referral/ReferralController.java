package org.mhpathway.referral;

import java.net.URI;
import java.util.Map;
import org.springframework.http.ResponseEntity;
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

    @PostMapping
    ResponseEntity<Map<String, String>> refer(@RequestBody(required = false) ReferralRequest request) {
        String pathwayId = referrals.refer(request);
        URI location = URI.create("/api/pathways/" + pathwayId);
        return ResponseEntity.created(location).body(Map.of("pathwayId", pathwayId, "pathway", location.toString()));
    }
}

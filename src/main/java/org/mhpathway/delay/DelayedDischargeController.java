package org.mhpathway.delay;

import java.util.List;
import org.mhpathway.access.Allowed;
import org.mhpathway.access.Caller;
import org.mhpathway.access.Roles;
import org.mhpathway.delay.DelayedDischargeQuery.DelayedDischarge;
import org.mhpathway.delay.DelayedDischargeQuery.WithoutDischargePlan;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The discharge hub's lists of delayed discharges (PATHWAY.md section 3). */
@RestController
@RequestMapping("/api/delayed-discharges")
class DelayedDischargeController {

    private final DelayedDischargeQuery query;

    DelayedDischargeController(DelayedDischargeQuery query) {
        this.query = query;
    }

    @GetMapping
    @Allowed({Roles.DISCHARGE_HUB, Roles.HOUSING, Roles.WARD_CLINICIANS, Roles.MANAGERS})
    List<DelayedDischarge> open(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String ics, @RequestParam(required = false) String ward,
                                @RequestParam(required = false) String reason, @RequestParam(required = false) String level) {
        return query.open(ics, ward, reason, level, caller.tenants());
    }

    /** Derby and Derbyshire's standard: CRFD in long-stay rehabilitation without a clear discharge plan. */
    @GetMapping("/without-discharge-plan")
    @Allowed({Roles.DISCHARGE_HUB, Roles.WARD_CLINICIANS, Roles.MANAGERS})
    List<WithoutDischargePlan> withoutDischargePlan(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String ics) {
        return query.rehabilitationWithoutDischargePlan(ics, caller.tenants());
    }
}

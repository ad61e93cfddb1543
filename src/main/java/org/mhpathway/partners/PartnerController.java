package org.mhpathway.partners;

import java.net.URI;
import java.util.List;
import org.mhpathway.partners.PartnerAdministration.IssuedCredential;
import org.mhpathway.partners.PartnerAdministration.Saved;
import org.mhpathway.access.Allowed;
import org.mhpathway.access.Roles;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The partner directory, for administrators only. */
@RestController
@RequestMapping("/api/partners")
@Allowed(Roles.ADMINISTRATORS)
class PartnerController {

    private final PartnerAdministration administration;

    PartnerController(PartnerAdministration administration) {
        this.administration = administration;
    }

    @GetMapping
    List<PartnerView> list(@RequestParam(required = false) String ics, @RequestParam(required = false) String role,
                           @RequestParam(required = false) String includeInactive) {
        return administration.list(ics, role, includeInactive);
    }

    @GetMapping("/{id}")
    PartnerView get(@PathVariable String id) {
        return administration.get(id);
    }

    @PutMapping("/{id}")
    ResponseEntity<PartnerView> put(@PathVariable String id, @RequestBody(required = false) PartnerRequest request) {
        Saved saved = administration.put(id, request);
        return saved.created()
                ? ResponseEntity.created(URI.create("/api/partners/" + id)).body(saved.partner())
                : ResponseEntity.ok(saved.partner());
    }

    /** The credential is in this answer only: it is not stored in clear and cannot be read again. */
    @PostMapping("/{id}/credential")
    ResponseEntity<IssuedCredential> issueCredential(@PathVariable String id) {
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(administration.issueCredential(id));
    }

    @DeleteMapping("/{id}")
    PartnerView deactivate(@PathVariable String id) {
        return administration.deactivate(id);
    }
}

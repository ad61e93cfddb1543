package org.mhpathway.indicators;

import java.util.List;
import org.mhpathway.indicators.Indicators.IndicatorReport;
import org.mhpathway.access.Allowed;
import org.mhpathway.access.Caller;
import org.mhpathway.access.Roles;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/indicators}: the managers' indicators (PATHWAY.md sections 5 and 6) as JSON, or with
 * {@code Accept: text/csv} the same as CSV for a monthly return. Managers read their own ICSs; the discharge hub the
 * delay figures.
 */
@RestController
class IndicatorController {

    static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");

    private final Indicators indicators;

    IndicatorController(Indicators indicators) {
        this.indicators = indicators;
    }

    @GetMapping("/api/indicators")
    @Allowed({Roles.MANAGERS, Roles.DISCHARGE_HUB})
    ResponseEntity<?> indicators(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String ics,
                                 @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                 @RequestParam(required = false) String ward,
                                 @RequestParam(required = false) String byWard,
                                 @RequestParam(required = false) String indicators,
                                 @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        IndicatorReport report = this.indicators.report(caller, ics, from, to, ward, byWard, indicators);
        if (!wantsCsv(accept)) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
        }
        String file = "indicators-" + (ics == null ? "all" : ics) + "-" + report.from() + "-" + report.to() + ".csv";
        return ResponseEntity.ok()
                .contentType(new MediaType(TEXT_CSV, java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file).build().toString())
                .body(IndicatorCsv.write(report));
    }

    /**
     * {@code GET /api/indicators/{name}/patients}: the pathways behind one figure of one ICS, for managers of that ICS
     * (issue 13: the dashboard drills into the patients behind a figure).
     */
    @GetMapping("/api/indicators/{name}/patients")
    @Allowed({Roles.MANAGERS})
    Indicators.PatientList patients(@AuthenticationPrincipal Caller caller, @PathVariable String name, @RequestParam(required = false) String ics,
                                    @RequestParam(required = false) String from,
                                    @RequestParam(required = false) String to,
                                    @RequestParam(required = false) String ward,
                                    @RequestParam(required = false) String month,
                                    @RequestParam(required = false) String status,
                                    @RequestParam(required = false) String limit) {
        return indicators.patients(caller, name, ics, from, to, ward, month, status, limit);
    }

    /** CSV when the most wanted type the caller accepts that this answers in is CSV; JSON otherwise. */
    static boolean wantsCsv(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        MimeTypeUtils.sortBySpecificity(types);
        types.sort((a, b) -> Double.compare(b.getQualityValue(), a.getQualityValue()));
        for (MediaType type : types) {
            if (type.getQualityValue() == 0) {
                continue;
            }
            if (type.includes(MediaType.APPLICATION_JSON) && !type.isWildcardType()) {
                return false;
            }
            if (type.includes(TEXT_CSV) && !type.isWildcardType()) {
                return true;
            }
            if (type.isWildcardType()) {
                return false;
            }
        }
        return false;
    }
}

package org.mhpathway.referral;

import static org.mhpathway.pathway.PathwayVariables.*;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import org.mhpathway.access.Caller;
import org.mhpathway.system.NotPermittedException;
import org.mhpathway.partners.CareTeam;
import org.mhpathway.pathway.PathwayRecord;
import org.mhpathway.pathway.PathwayRegister;
import org.mhpathway.pathway.PathwayWorkflow;
import org.mhpathway.system.ConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accepts a referral: one open pathway per person, registered and started in one transaction. */
@Service
public class ReferralService {

    private static final Logger log = LoggerFactory.getLogger(ReferralService.class);
    private static final char[] ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ReferralValidator validator;
    private final PathwayRegister register;
    private final PathwayWorkflow workflow;
    private final CareTeam careTeam;

    public ReferralService(ReferralValidator validator, PathwayRegister register, PathwayWorkflow workflow,
                           CareTeam careTeam) {
        this.validator = validator;
        this.register = register;
        this.workflow = workflow;
        this.careTeam = careTeam;
    }

    @Transactional
    public String refer(ReferralRequest request) {
        return refer(request, null);
    }

    /**
     * As {@link #refer(ReferralRequest)}, for a user of the API: only into an ICS they work in (403 naming
     * {@code homeIcs} otherwise). A person with an open pathway is refused with the same 409 whoever asks and wherever
     * that pathway is: it names no pathway, ICS or date, so a user of one ICS learns nothing of another ICS's patient
     * beyond what stopping a second pathway must say (docs/security.md). The open pathway is recorded in the audit.
     */
    @Transactional
    public String refer(ReferralRequest request, Caller caller) {
        Referral r = validator.validate(request);
        if (caller != null && !caller.worksIn(r.homeIcs())) {
            throw new NotPermittedException("You take referrals for " + new java.util.TreeSet<>(caller.tenants())
                    + " only.", "homeIcs", "is not an ICS you work in");
        }
        register.openPathwayOf(r.nhsNumber()).ifPresent(open -> {
            throw conflict(open);
        });
        String pathwayId = newPathwayId();
        try {
            register.open(PathwayRecord.opened(pathwayId, r.nhsNumber(), r.homeIcs(), r.wardType(), r.referralSource(),
                    r.learningDisabilityOrAutism(), r.presentedAt(), r.name() == null ? null : r.name().givenNames(),
                    r.name() == null ? null : r.name().family()));
        } catch (DuplicateKeyException raced) {
            throw conflict(null);
        }
        careTeam.assignDefaults(pathwayId, r.homeIcs(), r.gpPracticeCode(), r.presentedAt());
        Map<String, Object> variables = new HashMap<>();
        variables.put(PATHWAY_ID, pathwayId);
        variables.put(NHS_NUMBER, r.nhsNumber());
        variables.put(NHS_NUMBER_DISPLAY, PathwayRecord.nhsNumberDisplay(r.nhsNumber()));
        if (r.name() != null) {
            variables.put(PATIENT_NAME, r.name().display());
        }
        variables.put(DATE_OF_BIRTH, r.dateOfBirth().toString());
        variables.put(LEARNING_DISABILITY_OR_AUTISM, r.learningDisabilityOrAutism());
        variables.put(EHC_PLAN, r.ehcPlan());
        variables.put(WARD_TYPE, r.wardType());
        variables.put(HOME_ICS, r.homeIcs());
        variables.put(GP_PRACTICE_CODE, r.gpPracticeCode());
        variables.put(REFERRAL_SOURCE, r.referralSource());
        variables.put(PRESENTED_AT, r.presentedAt().toString());
        workflow.start(pathwayId, variables);
        log.info("Referral accepted as pathway {} ({}, {})", pathwayId, r.homeIcs(), r.wardType());
        return pathwayId;
    }

    /** The same answer whoever asks: the open pathway goes to the audit trail only. */
    private static ConflictException conflict(String openPathwayId) {
        return new ConflictException("Pathway already open",
                "This person already has an open pathway, and a person has one at a time. Continue that pathway"
                        + " rather than starting another.",
                "nhsNumber", openPathwayId);
    }

    static String newPathwayId() {
        StringBuilder id = new StringBuilder("MHP-");
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                id.append('-');
            }
            id.append(ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)]);
        }
        return id.toString();
    }
}

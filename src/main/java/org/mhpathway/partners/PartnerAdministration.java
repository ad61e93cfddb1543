package org.mhpathway.partners;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.mhpathway.partners.PartnerDirectory.Entry;
import org.mhpathway.sla.SlaPolicy;
import org.mhpathway.system.EngineClock;
import org.mhpathway.system.FieldProblem;
import org.mhpathway.system.InvalidRequestException;
import org.mhpathway.system.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** What the directory's administrators do: add or replace a partner, deactivate it, issue its API credential. */
@Service
public class PartnerAdministration {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,59}");
    static final Pattern ODS_CODE = Pattern.compile("[A-Za-z0-9]{3,10}");
    static final Pattern GP_PRACTICE_CODE = Pattern.compile("[A-Za-z][0-9]{5}");
    static final String BLANK = "must not be blank: leave the field out (or null) for none";
    static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
    static final int MIN_SIGNING_SECRET_LENGTH = 32;

    private static final Logger log = LoggerFactory.getLogger(PartnerAdministration.class);

    private final PartnerDirectory directory;
    private final PartnerCredentials credentials;
    private final CareTeam careTeam;
    private final SlaPolicy policy;

    public PartnerAdministration(PartnerDirectory directory, PartnerCredentials credentials, CareTeam careTeam,
                                 SlaPolicy policy) {
        this.directory = directory;
        this.credentials = credentials;
        this.careTeam = careTeam;
        this.policy = policy;
    }

    public PartnerView get(String id) {
        return PartnerView.of(entry(id));
    }

    /** Partners of one ICS and one role when given, active ones only unless asked. */
    public List<PartnerView> list(String ics, String role, String includeInactive) {
        List<FieldProblem> problems = new ArrayList<>();
        if (ics != null && !policy.servesIcs(ics)) {
            problems.add(new FieldProblem("ics", "must be one of " + List.copyOf(policy.icsCodes())));
        }
        if (role != null && !PartnerRole.codes().contains(role)) {
            problems.add(new FieldProblem("role", "must be one of " + PartnerRole.codes()));
        }
        if (includeInactive != null && !includeInactive.equals("true") && !includeInactive.equals("false")) {
            problems.add(new FieldProblem("includeInactive", "must be true or false"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("Invalid partner query", problems);
        }
        return directory.entries(ics, role == null ? null : PartnerRole.fromCode(role), "true".equals(includeInactive))
                .stream().map(PartnerView::of).toList();
    }

    /** Adds the partner, or replaces it whole; an API credential already issued is kept. */
    public Saved put(String id, PartnerRequest request) {
        Optional<Entry> existing = directory.entry(id);
        Partner partner = validate(id, request, existing.map(Entry::partner).orElse(null));
        Instant now = EngineClock.now();
        try {
            directory.save(partner, null, now);
        } catch (DuplicateKeyException addedMeanwhile) {
            // another request added the same id between our look and our insert: this one replaces it
            directory.save(partner, null, now);
        }
        log.info("Partner {} {} ({}, {}, {})", id, existing.isPresent() ? "replaced" : "added", partner.role().code(),
                partner.ics(), partner.active() ? "active" : "inactive");
        return new Saved(get(id), existing.isEmpty());
    }

    /** Deactivates the partner: it is no longer chosen for new care teams, and its record and history stay. */
    public PartnerView deactivate(String id) {
        Partner p = entry(id).partner();
        if (p.active()) {
            directory.save(new Partner(p.id(), p.name(), p.role(), p.odsCode(), p.ics(), p.webhookUrl(),
                    p.signingSecret(), p.email(), p.emailSecure(), false), null, EngineClock.now());
            log.info("Partner {} deactivated", id);
        }
        return get(id);
    }

    /** A new API credential for the partner; any earlier one stops working. Only its hash is kept. */
    public IssuedCredential issueCredential(String id) {
        Partner p = entry(id).partner();
        String secret = credentials.newSecret();
        Instant now = EngineClock.now();
        directory.save(p, credentials.hash(secret), now);
        log.info("Partner {}: new API credential issued", id);
        return new IssuedCredential(id, secret, now);
    }

    private Entry entry(String id) {
        return directory.entry(id).orElseThrow(() -> new NotFoundException("No partner " + id, "id"));
    }

    Partner validate(String id, PartnerRequest r, Partner existing) {
        List<FieldProblem> problems = new ArrayList<>();
        if (id == null || !ID.matcher(id).matches()) {
            problems.add(new FieldProblem("id", "must be 1 to 60 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        if (r == null) {
            problems.add(new FieldProblem("body", "is required"));
            throw new InvalidRequestException("Invalid partner", problems);
        }

        String name = trimmed(r.name());
        if (name == null) {
            problems.add(new FieldProblem("name", "is required"));
        } else if (name.length() > 200) {
            problems.add(new FieldProblem("name", "must be at most 200 characters"));
        }

        PartnerRole role = null;
        if (trimmed(r.role()) == null) {
            problems.add(new FieldProblem("role", "is required; one of " + PartnerRole.codes()));
        } else if (!PartnerRole.codes().contains(r.role())) {
            problems.add(new FieldProblem("role", "must be one of " + PartnerRole.codes()));
        } else {
            role = PartnerRole.fromCode(r.role());
            if (existing != null && existing.role() != role) {
                long places = careTeam.placesHeldBy(existing.id());
                if (places > 0) {
                    problems.add(new FieldProblem("role", "cannot change from " + existing.role().code() + ": the partner"
                            + " holds that place in " + places + " care team(s); add a new partner for the new role"));
                }
            }
        }

        // matched before upper-casing: "ı".toUpperCase() is "I", and an ODS code is ASCII letters and digits only
        String odsCode = given(problems, "odsCode", r.odsCode());
        if (role == PartnerRole.GP_PRACTICE && odsCode == null) {
            problems.add(new FieldProblem("odsCode", "is required for a gp-practice: referrals find the practice by it"));
        } else if (role == PartnerRole.GP_PRACTICE && !GP_PRACTICE_CODE.matcher(odsCode).matches()) {
            problems.add(new FieldProblem("odsCode", "must be an ODS practice code: a letter and five digits"));
        } else if (odsCode != null && !ODS_CODE.matcher(odsCode).matches()) {
            problems.add(new FieldProblem("odsCode", "must be an ODS code: 3 to 10 letters and digits"));
        }
        odsCode = odsCode == null ? null : odsCode.toUpperCase(Locale.ROOT);

        String ics = trimmed(r.ics());
        if (ics == null) {
            problems.add(new FieldProblem("ics", "is required; one of " + List.copyOf(policy.icsCodes())));
        } else if (!policy.servesIcs(ics)) {
            problems.add(new FieldProblem("ics", "must be one of " + List.copyOf(policy.icsCodes())));
        }

        String webhookUrl = given(problems, "webhookUrl", r.webhookUrl());
        if (webhookUrl != null) {
            String problem = webhookProblem(webhookUrl);
            if (problem != null) {
                problems.add(new FieldProblem("webhookUrl", problem));
            }
        }

        // kept exactly as given: the partner signs with the same bytes
        String signingSecret = given(problems, "signingSecret", r.signingSecret()) == null ? null : r.signingSecret();
        if (signingSecret == null && webhookUrl != null && r.signingSecret() == null) {
            problems.add(new FieldProblem("signingSecret", "is required with a webhookUrl"));
        } else if (signingSecret != null && signingSecret.length() < MIN_SIGNING_SECRET_LENGTH) {
            problems.add(new FieldProblem("signingSecret", "must be at least " + MIN_SIGNING_SECRET_LENGTH + " characters"));
        } else if (signingSecret != null && signingSecret.length() > 200) {
            problems.add(new FieldProblem("signingSecret", "must be at most 200 characters"));
        }

        String email = given(problems, "email", r.email());
        if (email != null && (email.length() > 320 || !EMAIL.matcher(email).matches())) {
            problems.add(new FieldProblem("email", "must be an e-mail address such as team@example.nhs.uk"));
        }
        boolean emailSecure = Boolean.TRUE.equals(r.emailSecure());
        if (emailSecure && email == null) {
            problems.add(new FieldProblem("emailSecure", "can be true only with an email"));
        }

        if (!problems.isEmpty()) {
            throw new InvalidRequestException("Invalid partner", problems);
        }
        return new Partner(id, name, role, odsCode, ics, webhookUrl, signingSecret, email, emailSecure,
                r.active() == null || r.active());
    }

    private static String webhookProblem(String url) {
        if (url.length() > 500) {
            return "must be at most 500 characters";
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                return "must be an absolute http or https URL";
            }
            if (uri.getRawUserInfo() != null) {
                return "must not carry a user name or password; the body is signed with signingSecret instead";
            }
            return null;
        } catch (URISyntaxException e) {
            return "must be an absolute http or https URL";
        }
    }

    /**
     * An optional field: absent ({@code null} or left out) means none; when given it must hold something. An empty
     * webhook URL or secret would otherwise be stored as "no webhook" without the administrator knowing.
     */
    private static String given(List<FieldProblem> problems, String field, String value) {
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            problems.add(new FieldProblem(field, BLANK));
            return null;
        }
        return value.trim();
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The partner as saved, and whether it is new. */
    public record Saved(PartnerView partner, boolean created) {
    }

    /** A credential issued to a partner: shown once, never again. */
    public record IssuedCredential(String partnerId, String credential, Instant issuedAt) {
    }
}

package org.mhpathway.partners;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.mhpathway.pathway.PathwayRecord;
import org.springframework.stereotype.Component;

/**
 * A notice as a FHIR R4 message: a Bundle of type {@code message} whose MessageHeader names the event (code system
 * {@value #EVENT_SYSTEM}) and focuses on the Encounter (the pathway, with its key dates) and the Task (what the
 * partner is asked to do). The Patient carries the NHS number only, except in a duty to refer: the law asks it to name
 * the person and say how to contact them (Housing Act 1996 s213B), so its Patient has their name, phone and e-mail,
 * and its Task's inputs (code system {@value #DUTY_TO_REFER_SYSTEM}) the reason, how to reach them, the expected
 * discharge date, the housing need, needs, risks and local connection. Every id in the message derives from the
 * notice key, so a retry sends the same message.
 */
@Component
class FhirNotificationMessage {

    public static final String EVENT_SYSTEM = "https://mh-pathway.org/fhir/CodeSystem/pathway-event";
    public static final String NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
    public static final String PATHWAY_ID_SYSTEM = "https://mh-pathway.org/fhir/Id/pathway-id";
    public static final String ODS_CODE_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";
    public static final String DISCHARGE_DISPOSITION_SYSTEM = "http://terminology.hl7.org/CodeSystem/discharge-disposition";
    public static final String ACT_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public static final String DUTY_TO_REFER_SYSTEM = "https://mh-pathway.org/fhir/CodeSystem/duty-to-refer";
    static final String SOURCE_NAME = "mh-pathway";
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private final FhirContext fhir;
    private final ServiceAddress address;

    public FhirNotificationMessage(FhirContext fhir, ServiceAddress address) {
        this.fhir = fhir;
        this.address = address;
    }

    /** The message as sent: compact JSON, UTF-8. */
    byte[] json(Notice notice) {
        return fhir.newJsonParser().encodeResourceToString(bundle(notice)).getBytes(StandardCharsets.UTF_8);
    }

    Bundle bundle(Notice notice) {
        String key = notice.key();
        PathwayRecord pathway = notice.pathway();
        Coding event = new Coding(EVENT_SYSTEM, notice.event().code(), notice.title());

        Patient patient = new Patient();
        patient.addIdentifier().setSystem(NHS_NUMBER_SYSTEM).setValue(pathway.nhsNumber());
        if (pathway.diedAt() != null) {
            patient.setDeceased(dateTime(pathway.diedAt()));
        }
        if (notice.event().identifiesThePerson()) {
            nameAndContact(patient, pathway, notice.referral());
        }
        String patientUrl = identify(key, patient);

        Encounter encounter = new Encounter();
        encounter.addIdentifier().setSystem(PATHWAY_ID_SYSTEM).setValue(pathway.pathwayId());
        encounter.setStatus(status(pathway));
        encounter.setClass_(new Coding(ACT_CODE_SYSTEM, "IMP", "inpatient encounter"));
        encounter.setSubject(new Reference(patientUrl));
        if (pathway.admittedAt() != null || pathway.dischargedAt() != null) {
            Period stay = new Period();
            if (pathway.admittedAt() != null) {
                stay.setStartElement(dateTime(pathway.admittedAt()));
            }
            if (pathway.dischargedAt() != null) {
                stay.setEndElement(dateTime(pathway.dischargedAt()));
            }
            encounter.setPeriod(stay);
        }
        if ("died".equals(pathway.dischargeDestination())) {
            encounter.getHospitalization().setDischargeDisposition(new CodeableConcept(
                    new Coding(DISCHARGE_DISPOSITION_SYSTEM, "exp", "Expired")).setText("died"));
        } else if (pathway.dischargeDestination() != null) {
            encounter.getHospitalization().setDischargeDisposition(new CodeableConcept().setText(pathway.dischargeDestination()));
        }
        String encounterUrl = identify(key, encounter);

        Reference partner = new Reference().setDisplay(notice.partner().name());
        if (notice.partner().odsCode() != null && !notice.partner().odsCode().isBlank()) {
            partner.setIdentifier(new Identifier().setSystem(ODS_CODE_SYSTEM).setValue(notice.partner().odsCode()));
        }

        Task task = new Task();
        task.addIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + key));
        task.setStatus(Task.TaskStatus.REQUESTED);
        task.setIntent(Task.TaskIntent.ORDER);
        task.setPriority(Task.TaskPriority.ROUTINE);
        task.setCode(new CodeableConcept(event.copy()).setText(notice.title()));
        task.setDescription(notice.asked());
        task.setFor(new Reference(patientUrl));
        task.setEncounter(new Reference(encounterUrl));
        task.setAuthoredOnElement(dateTime(notice.notification().recordedAt()));
        task.setOwner(partner.copy());
        if (notice.dueBy() != null) {
            task.getRestriction().setPeriod(new Period().setEndElement(dateTime(notice.dueBy())));
        }
        if (notice.event().identifiesThePerson()) {
            referralInputs(task, pathway, notice.referral());
        }
        String taskUrl = identify(key, task);

        MessageHeader header = new MessageHeader();
        header.setId(key);
        String headerUrl = "urn:uuid:" + key;
        header.setEvent(event);
        header.addDestination().setName(notice.partner().name()).setEndpoint(notice.partner().webhookUrl())
                .setReceiver(partner);
        header.setSource(new MessageHeader.MessageSourceComponent().setName(SOURCE_NAME).setSoftware(SOURCE_NAME)
                .setEndpoint(address.get()));
        header.addFocus(new Reference(encounterUrl));
        header.addFocus(new Reference(taskUrl));

        Bundle bundle = new Bundle();
        bundle.setId(key);
        bundle.setType(Bundle.BundleType.MESSAGE);
        bundle.setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + key));
        bundle.setTimestampElement(new InstantType(Date.from(notice.notification().recordedAt()),
                TemporalPrecisionEnum.MILLI, UTC));
        bundle.addEntry().setFullUrl(headerUrl).setResource(header);
        bundle.addEntry().setFullUrl(patientUrl).setResource(patient);
        bundle.addEntry().setFullUrl(encounterUrl).setResource(encounter);
        bundle.addEntry().setFullUrl(taskUrl).setResource(task);
        return bundle;
    }

    /** The person's name as the register holds it, and the phone and e-mail they agreed to share. */
    private static void nameAndContact(Patient patient, PathwayRecord pathway, DutyToRefer referral) {
        if (pathway.givenNames() != null || pathway.familyName() != null) {
            HumanName name = patient.addName().setUse(HumanName.NameUse.OFFICIAL);
            if (pathway.givenNames() != null) {
                for (String given : pathway.givenNames().trim().split("\\s+")) {
                    name.addGiven(given);
                }
            }
            name.setFamily(pathway.familyName());
        }
        if (referral == null) {
            return;
        }
        if (referral.phone() != null) {
            patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(referral.phone());
        }
        if (referral.email() != null) {
            patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(referral.email());
        }
    }

    /** What the referral says besides the name and contact points, one Task input each, in the order of the form. */
    private static void referralInputs(Task task, PathwayRecord pathway, DutyToRefer referral) {
        if (referral != null) {
            input(task, "reason", "Reason for the referral", referral.reason());
            input(task, "contact-arrangements", "How to contact the person", referral.contactArrangements());
        }
        if (pathway.estimatedDischargeDate() != null) {
            task.addInput().setType(detail("expected-discharge-date", "Expected discharge date"))
                    .setValue(new DateType(pathway.estimatedDischargeDate().toString()));
        }
        if (referral != null) {
            input(task, "housing-need", "Housing need", referral.needDescription());
            input(task, "needs", "Housing and support needs", referral.needs());
            input(task, "risks", "Risks", referral.riskSummary());
            input(task, "local-connection", "Local connection", referral.localConnection());
        }
    }

    private static void input(Task task, String code, String display, String value) {
        if (value != null && !value.isBlank()) {
            task.addInput().setType(detail(code, display)).setValue(new StringType(value));
        }
    }

    private static CodeableConcept detail(String code, String display) {
        return new CodeableConcept(new Coding(DUTY_TO_REFER_SYSTEM, code, display)).setText(display);
    }

    private static Encounter.EncounterStatus status(PathwayRecord pathway) {
        if (pathway.dischargedAt() != null) {
            return Encounter.EncounterStatus.FINISHED;
        }
        if (pathway.admittedAt() != null) {
            return Encounter.EncounterStatus.INPROGRESS;
        }
        if ("died".equals(pathway.dischargeDestination())) {
            return Encounter.EncounterStatus.CANCELLED;
        }
        return pathway.closedAt() != null ? Encounter.EncounterStatus.CANCELLED : Encounter.EncounterStatus.PLANNED;
    }

    /** Gives the resource a stable id, derived from the notice key, and returns its urn:uuid full URL. */
    private static String identify(String key, Resource resource) {
        String id = UUID.nameUUIDFromBytes((key + "/" + resource.fhirType()).getBytes(StandardCharsets.UTF_8)).toString();
        resource.setId(id);
        return "urn:uuid:" + id;
    }

    private static DateTimeType dateTime(Instant instant) {
        return new DateTimeType(Date.from(instant), TemporalPrecisionEnum.SECOND, UTC);
    }
}

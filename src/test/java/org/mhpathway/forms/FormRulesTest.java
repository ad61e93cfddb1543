package org.mhpathway.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mhpathway.system.FieldProblem;

/** The rules a task's values are held to, one component type at a time, as the forms in {@code forms/} set them. */
class FormRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static FormSchema.Field field(String type, boolean required) {
        return new FormSchema.Field("f", type, false, required, null, null, null, null, null, null, null, null, null);
    }

    private static FormSchema.Field withOptions(String type, boolean required, String... options) {
        return new FormSchema.Field("f", type, false, required, null, null, null, null, null, List.of(options), null,
                null, null);
    }

    private static String check(FormSchema.Field field, Object value) {
        return FormRules.check(field, value, true);
    }

    @Nested
    class Checkbox {

        @Test
        void isTrueOrFalseWhenShownEvenWhenNotRequired() {
            FormSchema.Field box = field("checkbox", false);
            assertThat(check(box, true)).isNull();
            assertThat(check(box, false)).isNull();
            assertThat(check(box, null)).isEqualTo("must be true or false");
            assertThat(check(box, "false")).isEqualTo("must be true or false");
            assertThat(check(box, "yes")).isEqualTo("must be true or false");
            assertThat(check(box, 0)).isEqualTo("must be true or false");
        }

        @Test
        void requiredMeansTicked() {
            FormSchema.Field box = field("checkbox", true);
            assertThat(check(box, true)).isNull();
            assertThat(check(box, false)).isEqualTo("must be ticked (true)");
        }

        @Test
        void mayBeAbsentWhenHiddenButNotWrong() {
            FormSchema.Field box = field("checkbox", true);
            assertThat(FormRules.check(box, null, false)).isNull();
            assertThat(FormRules.check(box, false, false)).isNull();
            assertThat(FormRules.check(box, "no", false)).isEqualTo("must be true or false");
        }
    }

    @Nested
    class Text {

        @Test
        void requiredTextIsPresentAndNotBlank() {
            FormSchema.Field text = field("textarea", true);
            assertThat(check(text, "Self-neglect")).isNull();
            assertThat(check(text, null)).isEqualTo("is required");
            assertThat(check(text, "")).isEqualTo("is required");
            assertThat(check(text, "   \n")).isEqualTo("is required");
            assertThat(check(field("textfield", false), null)).isNull();
            assertThat(check(field("textfield", false), "")).isNull();
        }

        @Test
        void isText() {
            assertThat(check(field("textfield", true), 42)).isEqualTo("must be text");
            assertThat(check(field("textarea", false), true)).isEqualTo("must be text");
            assertThat(check(field("textarea", false), List.of("a"))).isEqualTo("must be text");
            assertThat(check(field("textarea", false), new FormRules.Unreadable("bytes"))).isEqualTo("must be text");
        }

        @Test
        void isAtMostTwentyThousandCharactersUnlessTheFormSaysLess() {
            FormSchema.Field text = field("textarea", true);
            assertThat(check(text, "x".repeat(20_000))).isNull();
            assertThat(check(text, "x".repeat(20_001))).isEqualTo("must be at most 20000 characters");
            FormSchema.Field short_ = new FormSchema.Field("f", "textfield", false, false, 2, 5, null, null, null, null,
                    null, null, null);
            assertThat(check(short_, "abcde")).isNull();
            assertThat(check(short_, "abcdef")).isEqualTo("must be at most 5 characters");
            assertThat(check(short_, "a")).isEqualTo("must be at least 2 characters");
        }

        @Test
        void matchesThePatternWhereTheFormHasOne() {
            FormSchema.Field code = new FormSchema.Field("f", "textfield", false, false, null, null, "^[A-Z]\\d{5}$",
                    null, null, null, null, null, null);
            assertThat(check(code, "C81001")).isNull();
            assertThat(check(code, "c81001")).isEqualTo("must match the pattern ^[A-Z]\\d{5}$");
        }
    }

    @Nested
    class NumberField {

        @Test
        void isANumberWithinTheFormsBounds() {
            FormSchema.Field n = new FormSchema.Field("f", "number", false, true, null, null, null, BigDecimal.ZERO,
                    BigDecimal.TEN, null, null, null, null);
            assertThat(check(n, 3)).isNull();
            assertThat(check(n, 2.5d)).isNull();
            assertThat(check(n, "3")).isEqualTo("must be a number");
            assertThat(check(n, Double.NaN)).isEqualTo("must be a number");
            assertThat(check(n, -1)).isEqualTo("must be at least 0");
            assertThat(check(n, 11L)).isEqualTo("must be at most 10");
            assertThat(check(n, null)).isEqualTo("is required");
        }
    }

    @Nested
    class Choices {

        @Test
        void selectAndRadioTakeOneOfTheListedValues() {
            for (String type : List.of("select", "radio")) {
                FormSchema.Field choice = withOptions(type, true, "green", "red");
                assertThat(check(choice, "green")).isNull();
                assertThat(check(choice, "Green")).isEqualTo("must be one of [green, red]");
                assertThat(check(choice, "amber")).isEqualTo("must be one of [green, red]");
                assertThat(check(choice, true)).isEqualTo("must be one of [green, red]");
                assertThat(check(choice, List.of("green"))).isEqualTo("must be one of [green, red]");
                assertThat(check(choice, null)).isEqualTo("is required");
            }
        }

        @Test
        void checklistAndTaglistTakeAListOfListedValues() {
            for (String type : List.of("checklist", "taglist")) {
                FormSchema.Field list = withOptions(type, false, "person", "gp");
                assertThat(check(list, List.of("person", "gp"))).isNull();
                assertThat(check(list, List.of())).isNull();
                assertThat(check(list, List.of("person", "police"))).isEqualTo("must be a list of values from [person, gp]");
                assertThat(check(list, List.of(1))).isEqualTo("must be a list of values from [person, gp]");
                assertThat(check(list, "person")).isEqualTo("must be a list of values from [person, gp]");
                assertThat(check(list, Map.of("person", true))).isEqualTo("must be a list of values from [person, gp]");
                assertThat(check(withOptions(type, true, "person"), List.of())).isEqualTo("is required");
            }
        }
    }

    @Nested
    class DateTime {

        private FormSchema.Field dateTime(String subtype) {
            return new FormSchema.Field("f", "datetime", false, true, null, null, null, null, null, null, subtype,
                    "utc_offset", null);
        }

        @Test
        void aDateIsAnIsoDate() {
            FormSchema.Field date = dateTime("date");
            assertThat(check(date, "2026-11-24")).isNull();
            assertThat(check(date, new Date())).isNull();
            assertThat(check(date, "24/11/2026")).isEqualTo("must be a date (YYYY-MM-DD)");
            assertThat(check(date, "2026-02-30")).isEqualTo("must be a date (YYYY-MM-DD)");
            assertThat(check(date, "2026-11-24T09:15+00:00")).isEqualTo("must be a date (YYYY-MM-DD)");
            assertThat(check(date, 20261124)).isEqualTo("must be a date (YYYY-MM-DD)");
        }

        @Test
        void aDateAndTimeIsAnIsoDateTime() {
            FormSchema.Field at = dateTime("datetime");
            assertThat(check(at, "2026-11-24T09:15+00:00")).isNull();
            assertThat(check(at, "2026-11-24T09:15Z")).isNull();
            assertThat(check(at, "2026-11-24T09:15:00")).as("read in the service's zone").isNull();
            assertThat(check(at, new Date())).isNull();
            assertThat(check(at, "2026-11-24")).startsWith("must be a date and time");
            assertThat(check(at, "yesterday")).startsWith("must be a date and time");
            assertThat(check(at, null)).isEqualTo("is required");
        }

        @Test
        void aTimeIsAnIsoTime() {
            FormSchema.Field time = dateTime("time");
            assertThat(check(time, "09:15")).isNull();
            assertThat(check(time, "09:15+01:00")).isNull();
            assertThat(check(time, "9.15am")).startsWith("must be a time");
        }
    }

    @Nested
    class WholeForms {

        private FormSchema assess() throws IOException {
            return FormSchema.parse(Files.readAllBytes(Path.of("forms/assess-needs-and-decide-admission.form")), JSON);
        }

        private Map<String, Object> admitted(Object admitted) {
            Map<String, Object> values = new HashMap<>(Map.of("pathwayId", "MHP-2MNP-PZT9",
                    "presentingNeeds", "Psychotic relapse", "advanceChoicesReviewed", true,
                    "risksIdentified", "Self-neglect", "socialCareInvolved", false));
            values.put("admitted", admitted);
            return values;
        }

        @Test
        void anAdmissionNeedsNoCommunityAlternative() throws IOException {
            assertThat(FormRules.check(assess(), admitted(true))).isEmpty();
        }

        @Test
        void aRefusalNeedsTheCommunityAlternativeTheFormShows() throws IOException {
            Map<String, Object> values = admitted(false);
            values.remove("socialCareInvolved");
            assertThat(FormRules.check(assess(), values))
                    .containsExactly(new FieldProblem("communityAlternative", "is required"));
            values.put("communityAlternative", "crisis-house");
            assertThat(FormRules.check(assess(), values)).isEmpty();
            values.put("communityAlternative", "a bed elsewhere");
            assertThat(FormRules.check(assess(), values)).containsExactly(new FieldProblem("communityAlternative",
                    "must be one of [crisis-resolution-home-treatment, crisis-house, crisis-cafe, other]"));
        }

        @Test
        void anAdmissionDecisionThatIsNotABooleanIsRefusedFirst() throws IOException {
            for (Object wrong : new Object[] {"false", "yes", null}) {
                List<FieldProblem> problems = FormRules.check(assess(), admitted(wrong));
                assertThat(problems).as(String.valueOf(wrong)).first()
                        .isEqualTo(new FieldProblem("admitted", "must be true or false"));
            }
            Map<String, Object> missing = admitted(true);
            missing.remove("admitted");
            assertThat(FormRules.check(assess(), missing)).first()
                    .isEqualTo(new FieldProblem("admitted", "must be true or false"));
        }

        @Test
        void anAnswerRecordedBeforeIsNotThisCompletionsAnswer() throws IOException {
            Map<String, Object> values = admitted(true);
            java.util.Set<String> sent = new java.util.HashSet<>(values.keySet());
            sent.removeAll(List.of("risksIdentified", "socialCareInvolved", "reasonableAdjustments", "pathwayId"));
            assertThat(FormRules.check(assess(), values, sent)).containsExactly(
                    new FieldProblem("risksIdentified", "is required"),
                    new FieldProblem("socialCareInvolved", "must be true or false"));
            sent.addAll(List.of("risksIdentified", "socialCareInvolved"));
            assertThat(FormRules.check(assess(), values, sent)).as("optional and read-only fields need not be sent")
                    .isEmpty();
        }

        @Test
        void readOnlyFieldsAreNotAskedFor() throws IOException {
            FormSchema agency = FormSchema.parse(Files.readAllBytes(Path.of("forms/agree-agency-actions.form")), JSON);
            assertThat(agency.byKey().get("agencyName").readOnly()).isTrue();
            assertThat(FormRules.check(agency, Map.of("agreedActions", "Care Act assessment",
                    "actionsDueDate", "2026-03-10"))).isEmpty();
            assertThat(FormRules.check(agency, Map.of("agencyName", 42, "agreedActions", "Care Act assessment",
                    "actionsDueDate", "2026-03-10"))).as("shown, not checked").isEmpty();
        }

        @Test
        void requiredTextMissingIsNamedInTheFormsOrder() throws IOException {
            Map<String, Object> values = admitted(true);
            values.remove("risksIdentified");
            values.put("presentingNeeds", " ");
            assertThat(FormRules.check(assess(), values)).containsExactly(
                    new FieldProblem("presentingNeeds", "is required"),
                    new FieldProblem("risksIdentified", "is required"));
        }

        @Test
        void aConditionNotUnderstoodMakesTheFieldOptionalButStillChecked() {
            FormSchema form = new FormSchema("x", List.of(new FormSchema.Field("reason", "textarea", false, true, null,
                    null, null, null, null, null, null, null, "=some(list, function(x) x)")));
            assertThat(FormRules.check(form, Map.of())).isEmpty();
            assertThat(FormRules.check(form, Map.of("reason", 7))).containsExactly(new FieldProblem("reason", "must be text"));
        }

        @Test
        void formsAreReadWithGroupsAndDynamicOptionsAsFormJsRecordsThem() throws IOException {
            String form = """
                    {"id": "g", "components": [
                      {"type": "text", "text": "### Heading"},
                      {"type": "group", "components": [
                        {"type": "select", "key": "choice", "valuesKey": "choices", "validate": {"required": true}},
                        {"type": "textfield", "key": "note", "disabled": true}]},
                      {"type": "textfield", "key": "shown", "readonly": "=false"}]}""";
            FormSchema schema = FormSchema.parse(form.getBytes(StandardCharsets.UTF_8), JSON);
            assertThat(schema.fields()).extracting(FormSchema.Field::key).containsExactly("choice", "note", "shown");
            assertThat(schema.byKey().get("choice").options()).isNull();
            assertThat(schema.byKey().get("choice").valuesKey()).isEqualTo("choices");
            assertThat(schema.byKey().get("note").readOnly()).isTrue();
            assertThat(schema.byKey().get("shown").readOnly()).as("an expression: shown read-only at times").isTrue();
            assertThat(FormRules.check(schema, Map.of("choice", "a", "choices", List.of(Map.of("label", "A", "value", "a")))))
                    .isEmpty();
        }

        /**
         * Options a form takes from a variable (form-js {@code valuesKey}: the housing authorities the duty to refer
         * offers) are held on the server as the form shows them: a value the variable does not offer is refused, and
         * with no choices offered, none is accepted.
         */
        @Test
        void optionsFromAVariableTakeOnlyWhatItOffers() throws IOException {
            String form = """
                    {"id": "v", "components": [
                      {"type": "select", "key": "authority", "valuesKey": "authorities", "validate": {"required": true}},
                      {"type": "checklist", "key": "told", "valuesKey": "roles"}]}""";
            FormSchema schema = FormSchema.parse(form.getBytes(StandardCharsets.UTF_8), JSON);
            List<Map<String, String>> authorities = List.of(Map.of("label", "Derby City", "value", "derby"),
                    Map.of("label", "Amber Valley", "value", "amber-valley"));
            String notOffered = "must be one of the choices the form offers (authorities)";

            assertThat(FormRules.check(schema, Map.of("authority", "amber-valley", "authorities", authorities))).isEmpty();
            assertThat(FormRules.check(schema, Map.of("authority", "Amber Valley", "authorities", authorities)))
                    .as("a label is not a value").containsExactly(new FieldProblem("authority", notOffered));
            assertThat(FormRules.check(schema, Map.of("authority", "nowhere", "authorities", authorities)))
                    .containsExactly(new FieldProblem("authority", notOffered));
            assertThat(FormRules.check(schema, Map.of("authority", "derby")))
                    .as("nothing offered").containsExactly(new FieldProblem("authority", notOffered));
            assertThat(FormRules.check(schema, Map.of("authorities", authorities)))
                    .containsExactly(new FieldProblem("authority", "is required"));
            // Tasklist shows a list of strings as options whose label is the value
            assertThat(FormRules.check(schema, Map.of("authority", "x", "authorities", List.of("x"),
                    "told", List.of("gp", "police"), "roles", List.of("gp", "cmht"))))
                    .containsExactly(new FieldProblem("told", "must be a list of values from the choices the form offers (roles)"));
        }
    }

    @Nested
    class Conditions {

        @Test
        void theFormsConditionsHideOnTrueOnly() {
            assertThat(HideCondition.hidden("=admitted", Map.of("admitted", true))).contains(true);
            assertThat(HideCondition.hidden("=admitted", Map.of("admitted", false))).contains(false);
            assertThat(HideCondition.hidden("=admitted", Map.of("admitted", "true"))).contains(false);
            assertThat(HideCondition.hidden("=admitted", Map.of())).contains(false);
            assertThat(HideCondition.hidden("=not(admitted)", Map.of("admitted", false))).contains(true);
            assertThat(HideCondition.hidden("=not(admitted)", Map.of("admitted", true))).contains(false);
            assertThat(HideCondition.hidden("=not(admitted)", Map.of("admitted", "no"))).as("not of a string is null")
                    .contains(false);
            assertThat(HideCondition.hidden("=not(admitted)", Map.of())).contains(false);
            assertThat(HideCondition.hidden(null, Map.of())).contains(false);
        }

        @Test
        void comparisonsAndLogic() {
            Map<String, Object> v = Map.of("colour", "red", "days", 3, "flag", true);
            assertThat(HideCondition.hidden("=colour = \"red\"", v)).contains(true);
            assertThat(HideCondition.hidden("=colour != \"red\"", v)).contains(false);
            assertThat(HideCondition.hidden("= days = 3", v)).contains(true);
            assertThat(HideCondition.hidden("=missing = null", v)).contains(true);
            assertThat(HideCondition.hidden("=flag and colour = \"red\"", v)).contains(true);
            assertThat(HideCondition.hidden("=not(flag) or (days = 4)", v)).contains(false);
            assertThat(HideCondition.hidden("=flag or missing", v)).contains(true);
            assertThat(HideCondition.hidden("=colour = 3", v)).as("different types: null").contains(false);
        }

        @Test
        void expressionsOutsideTheSubsetAreNotGuessedAt() {
            assertThat(HideCondition.hidden("=count(list) > 2", Map.of())).isEmpty();
            assertThat(HideCondition.hidden("=a.b", Map.of())).isEmpty();
            assertThat(HideCondition.hidden("=admitted =", Map.of())).isEmpty();
            assertThat(HideCondition.hidden("=\"open", Map.of())).isEmpty();
        }
    }

    /** A dynamic list, as the carers of Agree purpose of admission are recorded: a list of objects, each checked. */
    @Nested
    class DynamicList {

        private final FormSchema carers = parse("""
                {"id": "c", "components": [
                  {"type": "dynamiclist", "path": "carers", "isRepeating": true, "components": [
                    {"type": "textfield", "key": "name", "validate": {"required": true, "maxLength": 200}},
                    {"type": "textfield", "key": "email", "validate": {"validationType": "email"}},
                    {"type": "checkbox", "key": "consentToShare"}]}]}""");

        @Test
        void isOneFieldKeyedByItsPathWhoseItemsHoldItsOwnFields() {
            assertThat(carers.fields()).extracting(FormSchema.Field::key).containsExactly("carers");
            FormSchema.Field list = carers.byKey().get("carers");
            assertThat(list.type()).isEqualTo("dynamiclist");
            assertThat(list.items()).extracting(FormSchema.Field::key).containsExactly("name", "email", "consentToShare");
            assertThat(list.items().get(1).validationType()).isEqualTo("email");
        }

        @Test
        void anEmptyOrAbsentListIsNoCarerAtAll() {
            assertThat(FormRules.check(carers, Map.of("carers", List.of()))).isEmpty();
            assertThat(FormRules.check(carers, Map.of())).isEmpty();
        }

        @Test
        void eachItemIsCheckedAndEveryProblemNamedByItsPath() {
            Map<String, Object> good = Map.of("name", "Sam Taylor", "email", "sam@example.org", "consentToShare", true);
            Map<String, Object> bad = new HashMap<>(Map.of("email", "sam at example", "notes", "anything"));
            assertThat(FormRules.check(carers, Map.of("carers", List.of(good)))).isEmpty();
            assertThat(FormRules.check(carers, Map.of("carers", List.of(good, bad)))).containsExactlyInAnyOrder(
                    new FieldProblem("carers[1].notes", "is not a field of this form"),
                    new FieldProblem("carers[1].name", "is required"),
                    new FieldProblem("carers[1].email", "must be an e-mail address"),
                    new FieldProblem("carers[1].consentToShare", "must be true or false"));
        }

        @Test
        void isAListOfObjects() {
            assertThat(FormRules.check(carers, Map.of("carers", "Sam Taylor")))
                    .containsExactly(new FieldProblem("carers", "must be a list of objects"));
            assertThat(FormRules.check(carers, Map.of("carers", List.of("Sam Taylor"))))
                    .containsExactly(new FieldProblem("carers[0]", "must be an object"));
        }

        private static FormSchema parse(String form) {
            try {
                return FormSchema.parse(form.getBytes(StandardCharsets.UTF_8), JSON);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

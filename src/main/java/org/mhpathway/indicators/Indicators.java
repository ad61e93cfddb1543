package org.mhpathway.indicators;

import static org.mhpathway.indicators.IndicatorQueries.ADULTS_OVER_60_DAYS;
import static org.mhpathway.indicators.IndicatorQueries.AWAITING_RESPONSE;
import static org.mhpathway.indicators.IndicatorQueries.BED_DAYS;
import static org.mhpathway.indicators.IndicatorQueries.BREACHED;
import static org.mhpathway.indicators.IndicatorQueries.DELAY_LADDER_LEVEL;
import static org.mhpathway.indicators.IndicatorQueries.DUE;
import static org.mhpathway.indicators.IndicatorQueries.DUE_SOON;
import static org.mhpathway.indicators.IndicatorQueries.HOUSING_LADDER_LEVEL;
import static org.mhpathway.indicators.IndicatorQueries.INPATIENTS;
import static org.mhpathway.indicators.IndicatorQueries.LEARNING_DISABILITY_OR_AUTISM;
import static org.mhpathway.indicators.IndicatorQueries.MET;
import static org.mhpathway.indicators.IndicatorQueries.OLDER_ADULTS_OVER_90_DAYS;
import static org.mhpathway.indicators.IndicatorQueries.OPEN;
import static org.mhpathway.indicators.IndicatorQueries.OVERDUE;
import static org.mhpathway.indicators.IndicatorQueries.PENDING;
import static org.mhpathway.indicators.IndicatorQueries.RUNNING;
import static org.mhpathway.indicators.IndicatorQueries.STARTED;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.mhpathway.indicators.IndicatorQueries.DischargeCounts;
import org.mhpathway.indicators.IndicatorQueries.Scope;
import org.mhpathway.indicators.IndicatorTargets.TargetView;
import org.mhpathway.access.Caller;
import org.mhpathway.access.Roles;
import org.mhpathway.sla.EscalationLadders;
import org.mhpathway.sla.PolicyProperties;
import org.mhpathway.sla.PolicyProperties.Level;
import org.mhpathway.sla.ScheduledReviews;
import org.mhpathway.sla.SlaPolicy;
import org.mhpathway.system.ConsistentReads;
import org.mhpathway.system.EngineClock;
import org.mhpathway.system.FieldProblem;
import org.mhpathway.system.InvalidRequestException;
import org.mhpathway.system.NotFoundException;
import org.mhpathway.system.NotPermittedException;
import org.mhpathway.system.PlausibleDates;
import org.springframework.stereotype.Service;

/**
 * The managers' indicators (PATHWAY.md section 5; issue 13) per ICS, and within it per ward and per month, for a
 * period: each with its numerator, denominator, rate and the ICS's target where one is set. Managers read every
 * indicator of their own ICSs; the discharge hub reads the delay figures only.
 */
@Service
public class Indicators {

    static final String TITLE = "Invalid indicator query";
    private static final Pattern ICS_CODE = Pattern.compile("[A-Za-z0-9]{1,10}");
    private static final int WARD_LENGTH = 100;
    /** How many patients behind a figure one answer lists, unless asked for fewer or more (at most MAX_PATIENTS). */
    static final int DEFAULT_PATIENTS = 500;
    static final int MAX_PATIENTS = 5000;

    private final IndicatorQueries queries;
    private final IndicatorTargets targets;
    private final SlaPolicy policy;
    private final PolicyProperties properties;
    private final EscalationLadders ladders;
    private final ConsistentReads reads;
    private final IndicatorPatients patients;

    Indicators(IndicatorQueries queries, IndicatorTargets targets, SlaPolicy policy, PolicyProperties properties,
               EscalationLadders ladders, ConsistentReads reads, IndicatorPatients patients) {
        this.patients = patients;
        this.queries = queries;
        this.targets = targets;
        this.policy = policy;
        this.properties = properties;
        this.ladders = ladders;
        this.reads = reads;
    }

    /**
     * The answer to {@code GET /api/indicators}: 400 naming each bad parameter, 403 for an indicator the caller does not
     * read, 404 for an ICS not the caller's. {@code byWard} "false" leaves out each ward's cells (the ICS's only, and the
     * names of its wards); {@code indicators} names the indicators wanted, comma-separated (every one the caller reads
     * when absent): a dashboard asks for what it shows, and the queries of the others are not run.
     */
    IndicatorReport report(Caller caller, String ics, String from, String to, String ward, String byWard,
                           String indicators) {
        List<FieldProblem> problems = new ArrayList<>();
        boolean eachWard = flag("byWard", byWard, true, problems);
        Set<IndicatorName> asked = names(indicators, problems);
        Request request = request(caller, ics, from, to, ward, problems);
        Set<IndicatorName> visible = caller.groups().contains(Roles.MANAGERS)
                ? EnumSet.allOf(IndicatorName.class) : EnumSet.of(IndicatorName.DELAYED_DISCHARGES);
        Set<IndicatorName> wanted = asked == null ? visible : asked;
        if (!visible.containsAll(wanted)) {
            throw new NotPermittedException("You read the indicators " + keys(visible) + " only.", "indicators",
                    "must be among " + keys(visible));
        }
        Map<String, List<String>> wards = new TreeMap<>();
        List<IndicatorCell> cells = reads.read(() -> {
            queries.beginReading();
            List<IndicatorCell> all = new ArrayList<>();
            for (String code : request.icsCodes()) {
                all.addAll(cells(new Scope(code, request.ward(), request.period()), wanted, eachWard, wards));
            }
            return all;
        });
        return new IndicatorReport(request.from(), request.to(), request.period().now(), wards, cells);
    }

    /** A parameter that is {@code true} or {@code false}, or absent (its default). */
    private static boolean flag(String field, String value, boolean absent, List<FieldProblem> problems) {
        if (value == null) {
            return absent;
        }
        String text = value.trim().toLowerCase(java.util.Locale.ROOT);
        if (!text.equals("true") && !text.equals("false")) {
            problems.add(new FieldProblem(field, "must be true or false"));
            return absent;
        }
        return text.equals("true");
    }

    /** The indicators a comma-separated list names, in the answer's order; null when absent. */
    private static Set<IndicatorName> names(String value, List<FieldProblem> problems) {
        if (value == null) {
            return null;
        }
        Set<IndicatorName> names = EnumSet.noneOf(IndicatorName.class);
        for (String part : value.split(",", -1)) {
            String key = part.trim();
            java.util.Optional<IndicatorName> name = java.util.Arrays.stream(IndicatorName.values())
                    .filter(n -> n.key().equals(key)).findFirst();
            if (name.isEmpty()) {
                problems.add(new FieldProblem("indicators", "must be indicator names, comma-separated, among "
                        + IndicatorName.keys()));
                return null;
            }
            names.add(name.get());
        }
        return names;
    }

    private static List<String> keys(Set<IndicatorName> names) {
        return names.stream().map(IndicatorName::key).sorted().toList();
    }

    /**
     * The answer to {@code GET /api/indicators/{name}/patients}: the pathways behind one indicator's figure in one
     * cell (an ICS the caller works in, a ward or all, a month of the period or all of it), what needs attention
     * first, at most {@code limit} of them. 404 for an unknown indicator or an ICS not the caller's; 400 naming each
     * bad parameter.
     */
    PatientList patients(Caller caller, String name, String ics, String from, String to, String ward, String month,
                         String status, String limit) {
        IndicatorName indicator = java.util.Arrays.stream(IndicatorName.values())
                .filter(n -> n.key().equals(name)).findFirst()
                .orElseThrow(() -> new NotFoundException("No indicator " + name + "; the indicators are "
                        + IndicatorName.keys() + ".", "name"));
        List<FieldProblem> problems = new ArrayList<>();
        if (ics == null) {
            problems.add(new FieldProblem("ics", "is required: the ICS whose figure this is, one you work in"));
        }
        List<String> statuses = IndicatorPatients.STATUSES.get(indicator);
        if (status != null && !statuses.contains(status)) {
            problems.add(new FieldProblem("status", "must be one of " + statuses));
        }
        int most = DEFAULT_PATIENTS;
        if (limit != null) {
            try {
                most = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                most = 0;
            }
            if (most < 1 || most > MAX_PATIENTS) {
                problems.add(new FieldProblem("limit", "must be a whole number from 1 to " + MAX_PATIENTS));
            }
        }
        Request request = request(caller, ics, from, to, ward, problems);
        Integer monthIndex = null;
        IndicatorPeriod period = request.period();
        if (month != null) {
            YearMonth asked = null;
            try {
                asked = YearMonth.parse(month.trim());
            } catch (DateTimeException e) {
                // said below
            }
            for (IndicatorPeriod.Month m : period.months()) {
                if (m.month().equals(asked)) {
                    monthIndex = m.index();
                }
            }
            if (monthIndex == null) {
                throw new InvalidRequestException(TITLE, List.of(new FieldProblem("month",
                        "must be a month of the period (" + YearMonth.from(period.from()) + " to "
                                + YearMonth.from(period.to()) + "), like 2026-03")));
            }
        }
        Integer cellMonth = monthIndex;
        Scope scope = new Scope(ics, request.ward(), period);
        List<IndicatorPatient> all = reads.read(() -> {
            queries.beginReading();
            return patients.patients(scope, indicator, cellMonth, (ladder, level) -> levelGroup(ics, ladder, level));
        });
        Map<String, Long> counts = new LinkedHashMap<>();
        statuses.forEach(s -> counts.put(s, all.stream().filter(p -> p.status().equals(s)).count()));
        List<IndicatorPatient> chosen = all.stream().filter(p -> status == null || p.status().equals(status)).toList();
        IndicatorPeriod.Month m = period.month(cellMonth);
        return new PatientList(indicator.key(), ics, properties.ics().get(ics).name(), request.ward(),
                m == null ? null : m.month().toString(), m == null ? period.from() : m.from(),
                m == null ? period.to() : m.to(), m == null ? period.snapshot() : m.snapshot(), period.now(),
                all.stream().filter(IndicatorPatient::inNumerator).count(), counts, status, chosen.size(),
                chosen.size() > most, chosen.subList(0, Math.min(most, chosen.size())));
    }

    /** A request's ICSs, period and ward, checked: 400 naming each bad parameter (with {@code problems} found before). */
    private Request request(Caller caller, String ics, String from, String to, String ward, List<FieldProblem> problems) {
        Instant now = EngineClock.now();
        LocalDate today = now.atZone(policy.zone()).toLocalDate();
        if (ics != null && !ICS_CODE.matcher(ics).matches()) {
            problems.add(new FieldProblem("ics", "must be an ICS code (the ICB's ODS code, like QJ2)"));
        }
        if (ward != null && (ward.isBlank() || ward.length() > WARD_LENGTH)) {
            problems.add(new FieldProblem("ward", "must be a ward's name (1 to " + WARD_LENGTH + " characters)"));
        }
        LocalDate end = date("to", to, true, problems);
        if (end == null && to == null) {
            end = today;
        }
        if (end != null && end.isAfter(today)) {
            end = today; // a period that runs on past today ends today
        }
        LocalDate start = date("from", from, false, problems);
        if (start == null && from == null && end != null) {
            start = YearMonth.from(end).minusMonths(11).atDay(1);
        }
        if (start != null && start.isAfter(today)) {
            problems.add(new FieldProblem("from", "must not be after today (" + today + ")"));
        } else if (start != null && end != null) {
            if (end.isBefore(start)) {
                problems.add(new FieldProblem("to", "must not be before from"));
            } else if (ChronoUnit.MONTHS.between(YearMonth.from(start), YearMonth.from(end))
                    >= IndicatorPeriod.MAX_MONTHS) {
                problems.add(new FieldProblem("to", "must be within " + IndicatorPeriod.MAX_MONTHS
                        + " calendar months of from"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(TITLE, problems);
        }
        List<String> icsCodes;
        if (ics != null) {
            // an ICS not served and one served but not the caller's answer alike: nothing tells them apart
            if (!caller.worksIn(ics) || !policy.servesIcs(ics)) {
                throw new NotFoundException("No ICS " + ics + " among the ICSs you work in.", "ics");
            }
            icsCodes = List.of(ics);
        } else {
            icsCodes = new TreeSet<>(caller.tenants()).stream().filter(policy::servesIcs).toList();
        }
        return new Request(start, end, icsCodes, ward == null ? null : ward.trim(),
                IndicatorPeriod.of(start, end, policy.zone(), now));
    }

    private record Request(LocalDate from, LocalDate to, List<String> icsCodes, String ward, IndicatorPeriod period) {
    }

    /** A date, or a month ({@code from}: its first day, {@code to}: its last). */
    private static LocalDate date(String field, String value, boolean endOfMonth, List<FieldProblem> problems) {
        if (value == null) {
            return null;
        }
        LocalDate date;
        try {
            String text = value.trim();
            if (text.length() == 7) {
                YearMonth month = YearMonth.parse(text);
                date = endOfMonth ? month.atEndOfMonth() : month.atDay(1);
            } else {
                date = LocalDate.parse(text);
            }
        } catch (DateTimeException e) {
            problems.add(new FieldProblem(field, "must be a date (2026-03-31) or a month (2026-03)"));
            return null;
        }
        String implausible = PlausibleDates.problem(date);
        if (implausible != null) {
            problems.add(new FieldProblem(field, implausible));
            return null;
        }
        return date;
    }

    /**
     * The cells of one ICS: all wards then (with {@code eachWard}) each ward, or the one ward asked for; each for the
     * period then by month. Only the {@code wanted} indicators are counted. {@code wards} gets the ICS's wards with
     * anything counted, in order.
     */
    private List<IndicatorCell> cells(Scope scope, Set<IndicatorName> wanted, boolean eachWard,
                                      Map<String, List<String>> wards) {
        Map<IndicatorName, Counts> counts = new EnumMap<>(IndicatorName.class);
        // people in hospital: the denominator of several indicators, and where the wards come from
        Counts inpatients = queries.inpatients(scope);
        if (wanted.contains(IndicatorName.FOLLOW_UP_WITHIN_72_HOURS)
                || wanted.contains(IndicatorName.DISCHARGE_NOTICE_GIVEN_48_HOURS)
                || wanted.contains(IndicatorName.GP_SUMMARY_WITHIN_7_DAYS)
                || wanted.contains(IndicatorName.READMISSIONS_WITHIN_30_DAYS)) {
            DischargeCounts discharges = queries.discharges(scope);
            counts.put(IndicatorName.FOLLOW_UP_WITHIN_72_HOURS, discharges.followUp());
            counts.put(IndicatorName.DISCHARGE_NOTICE_GIVEN_48_HOURS, discharges.notice());
            counts.put(IndicatorName.GP_SUMMARY_WITHIN_7_DAYS, discharges.gpSummary());
            counts.put(IndicatorName.READMISSIONS_WITHIN_30_DAYS, discharges.readmissions());
        }
        if (wanted.contains(IndicatorName.DELAYED_DISCHARGES)) {
            counts.put(IndicatorName.DELAYED_DISCHARGES, queries.delays(scope));
        }
        if (wanted.contains(IndicatorName.OUT_OF_AREA_PLACEMENTS)) {
            counts.put(IndicatorName.OUT_OF_AREA_PLACEMENTS, queries.outOfArea(scope));
        }
        counts.put(IndicatorName.LONG_STAYS, inpatients);
        counts.put(IndicatorName.LEARNING_DISABILITY_AND_AUTISM_INPATIENTS, inpatients);
        if (wanted.contains(IndicatorName.CETR_ON_TIME)) {
            counts.put(IndicatorName.CETR_ON_TIME, queries.reviews(scope, ScheduledReviews.CETR));
        }
        if (wanted.contains(IndicatorName.OVERSIGHT_VISITS_ON_TIME)) {
            counts.put(IndicatorName.OVERSIGHT_VISITS_ON_TIME, queries.reviews(scope, ScheduledReviews.OVERSIGHT_VISIT));
        }
        if (wanted.contains(IndicatorName.KEY_STAGE_1_WITHIN_72_HOURS)) {
            counts.put(IndicatorName.KEY_STAGE_1_WITHIN_72_HOURS, queries.keyStage1(scope));
        }
        if (wanted.contains(IndicatorName.DEADLINES)) {
            counts.put(IndicatorName.DEADLINES, queries.deadlines(scope, (ladder, level) -> levelGroup(scope.ics(),
                    ladder, level)));
        }
        counts.keySet().retainAll(wanted);
        Set<String> seen = new TreeSet<>(inpatients.wards());
        counts.values().forEach(c -> seen.addAll(c.wards()));
        wards.put(scope.ics(), List.copyOf(seen));
        List<String> cellWards = new ArrayList<>();
        if (scope.ward() != null) {
            cellWards.add(scope.ward());
        } else {
            cellWards.add(null);
            if (eachWard) {
                cellWards.addAll(seen);
            }
        }
        IndicatorPeriod period = scope.period();
        List<IndicatorCell> cells = new ArrayList<>();
        for (String ward : cellWards) {
            List<Integer> months = new ArrayList<>();
            months.add(null);
            period.months().forEach(m -> months.add(m.index()));
            for (Integer month : months) {
                Cell cell = new Cell(scope.ics(), period, month, ward, inpatients);
                Map<String, Map<String, Object>> indicators = new LinkedHashMap<>();
                counts.forEach((name, c) -> indicators.put(name.key(), figure(name, c, cell)));
                IndicatorPeriod.Month m = period.month(month);
                cells.add(new IndicatorCell(scope.ics(), properties.ics().get(scope.ics()).name(), ward,
                        m == null ? null : m.month().toString(), m == null ? period.from() : m.from(),
                        m == null ? period.to() : m.to(), m == null ? period.snapshot() : m.snapshot(), indicators));
            }
        }
        return cells;
    }

    private String levelGroup(String ics, String ladder, int level) {
        String code = DELAY_LADDER_LEVEL.equals(ladder) ? EscalationLadders.DELAYED_DISCHARGE
                : EscalationLadders.HOUSING;
        List<Level> levels = ladders.levels(code, ics);
        return level >= 1 && level <= levels.size() ? levels.get(level - 1).group() : IndicatorQueries.NO_TEAM;
    }

    private String levelName(String ics, String ladder, int level) {
        String code = DELAY_LADDER_LEVEL.equals(ladder) ? EscalationLadders.DELAYED_DISCHARGE
                : EscalationLadders.HOUSING;
        List<Level> levels = ladders.levels(code, ics);
        return level >= 1 && level <= levels.size() ? levels.get(level - 1).name() : null;
    }

    /** One cell's figures: a month or the whole period, a ward or all. */
    private record Cell(String ics, IndicatorPeriod period, Integer month, String ward, Counts inpatients) {

        Double value(Tally tally) {
            return tally.value(period, month, ward);
        }

        Double value(Counts counts, String measure) {
            return value(counts.measure(measure));
        }

        LocalDate to() {
            return month == null ? period.to() : period.month(month).to();
        }

        Double inpatientCount() {
            return value(inpatients, INPATIENTS);
        }
    }

    private Map<String, Object> figure(IndicatorName name, Counts counts, Cell cell) {
        return switch (name) {
            // PATHWAY.md section 5 (seed 004): the national definition, beside the 72-hour SLA clock
            case FOLLOW_UP_WITHIN_72_HOURS -> {
                double due = cell.value(counts, DUE);
                double pending = cell.value(counts, PENDING);
                Map<String, Object> f = headline(name, cell, cell.value(counts, MET), due - pending);
                f.put("eligibleDischarges", whole(due));
                f.put(PENDING, whole(pending));
                f.put("excluded", whole(cell.value(counts, "excluded")));
                f.put("slaClockBreached", whole(cell.value(counts, "slaClockBreached")));
                yield f;
            }
            // PATHWAY.md sections 3 and 5: open delays, delays begun, bed days lost; by reason, attribution, authority
            case DELAYED_DISCHARGES -> {
                Map<String, Object> f = headline(name, cell, cell.value(counts, OPEN), cell.inpatientCount());
                f.put(STARTED, whole(cell.value(counts, STARTED)));
                f.put("bedDaysLost", days(cell.value(counts, BED_DAYS)));
                f.put("byReason", breakdown(counts, IndicatorQueries.REASON, cell));
                f.put("byAttribution", breakdown(counts, IndicatorQueries.ATTRIBUTION, cell));
                f.put("byLocalAuthority", breakdown(counts, IndicatorQueries.LOCAL_AUTHORITY, cell));
                yield f;
            }
            // PATHWAY.md sections 5 and 5a (seeds 003, 004): placements active, begun, bed days out of area
            case OUT_OF_AREA_PLACEMENTS -> {
                Map<String, Object> f = headline(name, cell, cell.value(counts, OPEN), cell.inpatientCount());
                f.put(STARTED, whole(cell.value(counts, STARTED)));
                f.put("bedDaysOutOfArea", days(cell.value(counts, BED_DAYS)));
                yield f;
            }
            // PATHWAY.md sections 2 and 5 (seed 004): over 60 days for adults, over 90 days for older adults
            case LONG_STAYS -> {
                double adults = cell.value(counts, ADULTS_OVER_60_DAYS);
                double older = cell.value(counts, OLDER_ADULTS_OVER_90_DAYS);
                Map<String, Object> f = headline(name, cell, adults + older, cell.inpatientCount());
                f.put(ADULTS_OVER_60_DAYS, whole(adults));
                f.put(OLDER_ADULTS_OVER_90_DAYS, whole(older));
                yield f;
            }
            // PATHWAY.md section 5 (seed 003: no more than 32; seed 004: no more than 12 ICB beds)
            case LEARNING_DISABILITY_AND_AUTISM_INPATIENTS ->
                    headline(name, cell, cell.value(counts, LEARNING_DISABILITY_OR_AUTISM), cell.inpatientCount());
            // PATHWAY.md sections 2 and 5 (seed 004): held on time / due; C(E)TRs and oversight visits alike
            case CETR_ON_TIME, OVERSIGHT_VISITS_ON_TIME -> {
                Map<String, Object> f = headline(name, cell, cell.value(counts, MET), cell.value(counts, DUE));
                f.put(PENDING, whole(cell.value(counts, PENDING)));
                yield f;
            }
            case KEY_STAGE_1_WITHIN_72_HOURS -> {
                double due = cell.value(counts, DUE);
                double pending = cell.value(counts, PENDING);
                Map<String, Object> f = headline(name, cell, cell.value(counts, MET), due - pending);
                f.put("admissions", whole(due));
                f.put(PENDING, whole(pending));
                yield f;
            }
            case DISCHARGE_NOTICE_GIVEN_48_HOURS -> {
                Map<String, Object> f = headline(name, cell, cell.value(counts, MET), cell.value(counts, DUE));
                f.put("noNoticeRecorded", whole(cell.value(counts, "noNoticeRecorded")));
                yield f;
            }
            case GP_SUMMARY_WITHIN_7_DAYS, READMISSIONS_WITHIN_30_DAYS -> {
                double due = cell.value(counts, DUE);
                double pending = cell.value(counts, PENDING);
                Map<String, Object> f = headline(name, cell, cell.value(counts, MET), due - pending);
                f.put("discharges", whole(due));
                f.put(PENDING, whole(pending));
                yield f;
            }
            // PATHWAY.md sections 1 and 5: running, due within 24 hours, breached; by ward, team and level
            case DEADLINES -> deadlines(counts, cell);
        };
    }

    private Map<String, Object> deadlines(Counts counts, Cell cell) {
        Map<String, Object> f = headline(IndicatorName.DEADLINES, cell, cell.value(counts, OVERDUE),
                cell.value(counts, RUNNING));
        for (String measure : List.of(RUNNING, DUE_SOON, OVERDUE, BREACHED, AWAITING_RESPONSE)) {
            f.put(measure, whole(cell.value(counts, measure)));
        }
        f.put("byTeam", breakdown(counts, IndicatorQueries.TEAM, cell));
        Map<String, Object> levels = new LinkedHashMap<>();
        for (String ladder : List.of(DELAY_LADDER_LEVEL, HOUSING_LADDER_LEVEL)) {
            Map<String, Object> byLevel = breakdown(counts, ladder, cell);
            byLevel.replaceAll((level, values) -> {
                Map<String, Object> named = new LinkedHashMap<>();
                named.put("name", levelName(cell.ics(), ladder, Integer.parseInt(level)));
                named.putAll(castMap((Map<?, ?>) values));
                return named;
            });
            levels.put(ladder, byLevel);
        }
        f.put("byEscalationLevel", levels);
        return f;
    }

    /** numerator, denominator, rate, target: the four every indicator gives. */
    private Map<String, Object> headline(IndicatorName name, Cell cell, Double numerator, Double denominator) {
        Map<String, Object> f = new LinkedHashMap<>();
        Long n = whole(numerator);
        Long d = whole(denominator);
        Double rate = n == null || d == null || d == 0 ? null : Math.round(10_000.0 * n / d) / 10_000.0;
        f.put("numerator", n);
        f.put("denominator", d);
        f.put("rate", rate);
        TargetView target = targets.target(cell.ics(), name, cell.to(), numerator, rate);
        f.put("target", target);
        return f;
    }

    /** The values of a dimension with anything to show in this cell, each with its measures. */
    private static Map<String, Object> breakdown(Counts counts, String dimension, Cell cell) {
        Map<String, Object> values = new LinkedHashMap<>();
        counts.breakdown(dimension).forEach((value, measures) -> {
            Map<String, Object> figures = new LinkedHashMap<>();
            boolean any = false;
            for (Map.Entry<String, Tally> m : measures.entrySet()) {
                Double v = cell.value(m.getValue());
                Object shown = BED_DAYS.equals(m.getKey()) ? (Object) days(v) : (Object) whole(v);
                figures.put(BED_DAYS.equals(m.getKey()) ? "bedDaysLost" : m.getKey(), shown);
                any |= v != null && v != 0;
            }
            if (any) {
                values.put(value, figures);
            }
        });
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static Long whole(Double value) {
        return value == null ? null : Math.round(value);
    }

    private static Double days(Double value) {
        return value == null ? null : Math.round(value * 10) / 10.0;
    }

    /**
     * The answer: the period, when it was computed, the wards of each ICS with anything counted in it, and one cell per
     * ICS, ward (null: all) and month (null: all).
     */
    public record IndicatorReport(LocalDate from, LocalDate to, Instant asAt, Map<String, List<String>> wards,
                                  List<IndicatorCell> results) {
    }

    /**
     * The pathways behind one indicator's figure in one cell: the cell ({@code ward} null: every ward; {@code month}
     * null: the whole period), how many are in its numerator, how many of each status, and the list (of one
     * {@code status} when asked), what needs attention first; {@code total} listed before the {@code limit}.
     */
    public record PatientList(String indicator, String ics, String icsName, String ward, String month, LocalDate from,
                              LocalDate to, Instant snapshotAt, Instant asAt, long numerator, Map<String, Long> counts,
                              String status, int total, boolean truncated, List<IndicatorPatient> patients)
            implements org.mhpathway.audit.PathwayListing {

        @Override
        public java.util.Collection<String> listedPathwayIds() {
            return patients.stream().map(IndicatorPatient::pathwayId).toList();
        }
    }

    /**
     * The indicators of one ICS for a ward (null: every ward) and a month (null: the whole period), from and to
     * inclusive; figures "now" are taken at {@code snapshotAt}, the end of the month or period or now.
     */
    public record IndicatorCell(String ics, String icsName, String ward, String month, LocalDate from, LocalDate to,
                                Instant snapshotAt, Map<String, Map<String, Object>> indicators) {
    }
}

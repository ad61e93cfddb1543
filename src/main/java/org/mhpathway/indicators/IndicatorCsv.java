package org.mhpathway.indicators;

import java.util.List;
import java.util.Map;
import org.mhpathway.indicators.IndicatorTargets.TargetView;
import org.mhpathway.indicators.Indicators.IndicatorCell;
import org.mhpathway.indicators.Indicators.IndicatorReport;

/**
 * The indicators as CSV (RFC 4180), for a monthly return: one row per indicator per ICS, ward and month with its
 * numerator, denominator, rate and target, then one row per further figure of it ({@code measure}, e.g.
 * {@code bedDaysLost} or {@code byReason.housing.open}) with its value as the numerator. An empty ward is every ward;
 * an empty month is the whole period.
 */
final class IndicatorCsv {

    static final String HEADER = "ics,ward,month,from,to,indicator,measure,numerator,denominator,rate,"
            + "targetAtLeast,targetAtMost,targetBy,targetMet";

    private static final List<String> HEADLINE = List.of("numerator", "denominator", "rate", "target");

    private IndicatorCsv() {
    }

    static String write(IndicatorReport report) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (IndicatorCell cell : report.results()) {
            String prefix = String.join(",", text(cell.ics()), text(cell.ward()), text(cell.month()),
                    text(String.valueOf(cell.from())), text(String.valueOf(cell.to())));
            cell.indicators().forEach((indicator, figures) -> {
                TargetView target = (TargetView) figures.get("target");
                csv.append(prefix).append(',').append(text(indicator)).append(",,")
                        .append(number(figures.get("numerator"))).append(',')
                        .append(number(figures.get("denominator"))).append(',')
                        .append(number(figures.get("rate"))).append(',')
                        .append(target == null ? "" : number(target.atLeast())).append(',')
                        .append(target == null ? "" : number(target.atMost())).append(',')
                        .append(target == null || target.by() == null ? "" : target.by()).append(',')
                        .append(target == null || target.met() == null ? "" : target.met()).append("\r\n");
                figures.forEach((name, value) -> {
                    if (!HEADLINE.contains(name)) {
                        measures(csv, prefix + "," + text(indicator), name, value);
                    }
                });
            });
        }
        return csv.toString();
    }

    /** A further figure, or each figure of a breakdown under its dotted name; text (a level's name) is left out. */
    private static void measures(StringBuilder csv, String prefix, String name, Object value) {
        if (value instanceof Map<?, ?> nested) {
            nested.forEach((key, inner) -> measures(csv, prefix, name + "." + key, inner));
        } else if (value == null || value instanceof Number) {
            csv.append(prefix).append(',').append(text(name)).append(',').append(number(value))
                    .append(",,,,,,\r\n");
        }
    }

    private static String number(Object value) {
        return value == null ? "" : value.toString();
    }

    /**
     * A text field, quoted when it holds a comma, quote or line break. One a spreadsheet would run as a formula (a ward
     * named {@code =HYPERLINK(...)}) is given a leading apostrophe, so that it stays text.
     */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}

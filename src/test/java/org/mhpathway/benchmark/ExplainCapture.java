package org.mhpathway.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL behind one Tasklist request, read from the statement log of a node started with MyBatis's DEBUG loggers
 * for the task and variable queries (the second node of the run, which serves nothing else), then explained by
 * PostgreSQL with {@code EXPLAIN (ANALYZE, BUFFERS)}. The loggers print bound values, which here are group, user and
 * tenant ids; the node holds only the benchmark's made-up patients.
 */
final class ExplainCapture {

    /** The loggers to turn on, as Spring Boot arguments of the node. */
    static final List<String> NODE_ARGUMENTS = List.of(
            "--logging.level.org.camunda.bpm.engine.impl.persistence.entity.TaskEntity.selectTaskByQueryCriteria=debug",
            "--logging.level.org.camunda.bpm.engine.impl.persistence.entity.TaskEntity.selectTaskCountByQueryCriteria=debug",
            "--logging.level.org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity.selectVariableInstanceByQueryCriteria=debug");

    /** One statement as run, with its plan. */
    record Explained(String statement, String sql, String plan, double executionMs) {
    }

    private static final Pattern PREPARING = Pattern.compile("(\\S+)\\s*:\\s*==>\\s+Preparing: (.*)$");
    private static final Pattern PARAMETERS = Pattern.compile("==> Parameters: ?(.*)$");
    private static final Pattern EXECUTION = Pattern.compile("Execution Time: ([0-9.]+) ms");
    private static final Pattern TYPED = Pattern.compile("\\((String|Integer|Long|Boolean|Timestamp|Date|Double|Short|Byte|BigDecimal)\\)(, |$)");

    private ExplainCapture() {
    }

    static long logLength(Path log) throws IOException {
        return Files.exists(log) ? Files.size(log) : 0;
    }

    /** The statements the node logged after {@code offset}, each with its bound values filled in. */
    static List<String[]> statementsSince(Path log, long offset) throws IOException {
        byte[] all = Files.readAllBytes(log);
        String text = new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
                java.nio.charset.StandardCharsets.UTF_8);
        List<String[]> statements = new ArrayList<>();
        String name = null;
        String prepared = null;
        for (String line : text.split("\n")) {
            Matcher p = PREPARING.matcher(line);
            if (p.find()) {
                name = p.group(1);
                prepared = p.group(2).strip();
                continue;
            }
            Matcher v = PARAMETERS.matcher(line);
            if (v.find() && prepared != null) {
                statements.add(new String[] {name, bind(prepared, parameters(v.group(1)))});
                prepared = null;
            }
        }
        return statements;
    }

    static Explained explain(LoadDatabase db, String statement, String sql) throws Exception {
        String plan = db.explain(sql);
        Matcher m = EXECUTION.matcher(plan);
        return new Explained(statement, sql, plan, m.find() ? Double.parseDouble(m.group(1)) : Double.NaN);
    }

    /** MyBatis's "value(Type), value(Type)" as SQL literals; {@code null} stays NULL. */
    static List<String> parameters(String logged) {
        List<String> values = new ArrayList<>();
        int at = 0;
        while (at < logged.length()) {
            if (logged.startsWith("null", at) && (logged.length() == at + 4 || logged.startsWith(", ", at + 4))) {
                values.add("NULL");
                at += 6;
                continue;
            }
            Matcher m = TYPED.matcher(logged);
            if (!m.find(at)) {
                break;
            }
            String value = logged.substring(at, m.start());
            String type = m.group(1);
            boolean quoted = type.equals("String") || type.equals("Timestamp") || type.equals("Date");
            values.add(quoted ? "'" + value.replace("'", "''") + "'" : value);
            at = m.end();
        }
        return values;
    }

    private static String bind(String sql, List<String> values) {
        StringBuilder bound = new StringBuilder();
        int next = 0;
        for (char c : sql.toCharArray()) {
            if (c == '?' && next < values.size()) {
                bound.append(values.get(next++));
            } else {
                bound.append(c);
            }
        }
        return bound.toString();
    }
}

package org.mhpathway.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
import org.mhpathway.benchmark.Row.Kind;
import org.mhpathway.cluster.NodeClient;
import org.mhpathway.cluster.ServiceNode;

/**
 * Times, through HTTP, what the users of one ICS ask for as Tasklist and the API ask for it: each group's task list
 * and its count (Camunda REST {@code /engine-rest/task}), each Tasklist filter the user may read, listed as Tasklist
 * lists it ({@code POST filter/{id}/list} with Tasklist's body and its HAL {@code Accept}, so the engine adds the
 * variables the filter names), opening a task with its form, a pathway's view and the hub's list. Every call is
 * warmed up before it is timed.
 */
final class UserMeasurements {

    /** One request as it was timed, so that it can be sent again (to explain its SQL). */
    record Call(Row row, String group, String method, String path, Object body, String accept) {
        NodeClient.Answer send(NodeClient client) {
            return method.equals("GET") ? client.get(path, accept) : client.post(path, body, accept);
        }
    }

    /** The body Tasklist posts for a filter's first page (cam-tasklist-view-ctrl.js): newest first, active tasks. */
    static final Map<String, Object> TASKLIST_LIST_BODY = Map.of("processVariables", List.of(), "taskVariables", List.of(),
            "caseInstanceVariables", List.of(), "sorting", List.of(Map.of("sortBy", "created", "sortOrder", "desc")),
            "active", true);
    private static final String JSON = "application/json";
    /** The ward whose own list is timed: its people are the same at every size. */
    static final String MEASURED_WARD = "Ward 1";
    private static final long SLOW_ENOUGH_TO_BE_WARM = Duration.ofSeconds(2).toNanos();

    private final LoadUsers users;
    private final ServiceNode node;
    private final Sampling sampling;
    private final List<Call> calls = new ArrayList<>();

    /** How many times each call is made: warm-up first, then timed until enough samples or the time is up. */
    record Sampling(int warmUp, int minSamples, int maxSamples, Duration budget) {
    }

    UserMeasurements(LoadUsers users, ServiceNode node, Sampling sampling) {
        this.users = users;
        this.node = node;
        this.sampling = sampling;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The slowest Tasklist query timed (by median), or none. */
    Call slowestTasklistQuery() {
        return calls.stream().filter(c -> c.row().kind().tasklistQuery && c.row().samples() > 0)
                .max(Comparator.comparingDouble(c -> c.row().p50())).orElse(null);
    }

    /** Everything a user of each group of {@code ics} does in Tasklist and the API, plus a pathway view and the hub's list. */
    List<Row> measure(String ics, List<String> pathwaysOfIcs) {
        for (String group : LoadUsers.GROUPS) {
            NodeClient client = users.as(node, ics, group);
            String user = LoadUsers.userId(ics, group);
            String listPath = "/engine-rest/task?candidateGroup=" + group
                    + "&sortBy=dueDate&sortOrder=asc&firstResult=0&maxResults=15";
            JsonNode[] lastList = new JsonNode[1];
            Timings list = time(i -> {
                NodeClient.Answer a = client.get(listPath, JSON).expect(200);
                lastList[0] = a.json();
                return a;
            });
            record(Kind.GROUP_LIST, group + " list", user, group, "GET", listPath, null, JSON, list,
                    lastList[0].size() + " tasks", tenants(lastList[0]));

            String countPath = "/engine-rest/task/count?candidateGroup=" + group;
            long[] count = new long[1];
            Timings counted = time(i -> {
                NodeClient.Answer a = client.get(countPath, JSON).expect(200);
                count[0] = a.json().path("count").asLong();
                return a;
            });
            record(Kind.GROUP_COUNT, group + " count", user, group, "GET", countPath, null, JSON, counted,
                    count[0] + " tasks", Set.of());

            for (JsonNode filter : filters(client)) {
                listFilter(client, user, group, filter, TASKLIST_LIST_BODY, "");
            }

            if (group.equals(LoadUsers.WARD)) {
                measureOneWard(client, user, group);
            }

            List<String> taskIds = new ArrayList<>();
            lastList[0].forEach(t -> taskIds.add(t.get("id").asText()));
            if (taskIds.isEmpty()) {
                calls.add(new Call(new Row(Kind.OPEN_TASK, group + " open task", user, 0, Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN, "no task to open", Set.of()), group, "GET", "", null, JSON));
            } else {
                Timings opened = time(i -> openTask(client, taskIds.get(i % taskIds.size())));
                record(Kind.OPEN_TASK, group + " open task", user, group, "GET", "/engine-rest/task/{id} (+form)", null,
                        NodeClient.TASKLIST_ACCEPT, opened, "of the first " + taskIds.size(), Set.of());
            }
        }

        NodeClient clinician = users.as(node, ics, LoadUsers.WARD);
        if (!pathwaysOfIcs.isEmpty()) {
            Timings viewed = time(i -> clinician.get("/api/pathways/" + pathwaysOfIcs.get(i % pathwaysOfIcs.size())).expect(200));
            record(Kind.PATHWAY_VIEW, "pathway view", LoadUsers.userId(ics, LoadUsers.WARD), LoadUsers.WARD, "GET",
                    "/api/pathways/{id}", null, JSON, viewed, "of " + pathwaysOfIcs.size() + " pathways", Set.of());
        }
        NodeClient hub = users.as(node, ics, LoadUsers.HUB);
        int[] delays = new int[1];
        Timings hubList = time(i -> {
            NodeClient.Answer a = hub.get("/api/delayed-discharges").expect(200);
            delays[0] = a.json().size();
            return a;
        });
        record(Kind.HUB_LIST, "delayed discharges", LoadUsers.userId(ics, LoadUsers.HUB), LoadUsers.HUB, "GET",
                "/api/delayed-discharges", null, JSON, hubList, delays[0] + " delays", Set.of());
        // the managers' indicators of their ICS over the last 12 months, per ward and month (issue 13)
        NodeClient manager = users.as(node, ics, LoadUsers.MANAGERS);
        String indicatorsPath = "/api/indicators?ics=" + ics;
        int[] cells = new int[1];
        Timings indicators = time(i -> {
            NodeClient.Answer a = manager.get(indicatorsPath).expect(200);
            cells[0] = a.json().path("results").size();
            return a;
        });
        record(Kind.INDICATORS, "indicators", LoadUsers.userId(ics, LoadUsers.MANAGERS), LoadUsers.MANAGERS, "GET",
                indicatorsPath, null, JSON, indicators, cells[0] + " cells (ICS and wards, period and months)", Set.of());
        Timings csv = time(i -> manager.get(indicatorsPath, "text/csv").expect(200));
        record(Kind.INDICATORS, "indicators as CSV", LoadUsers.userId(ics, LoadUsers.MANAGERS), LoadUsers.MANAGERS,
                "GET", indicatorsPath, null, "text/csv", csv, "the same cells", Set.of());
        // what the managers' dashboards ask for: the ICS's own cells (the indicators page), this month's deadlines by
        // ward (the deadlines page)
        String dashboardPath = indicatorsPath + "&byWard=false";
        Timings dashboard = time(i -> manager.get(dashboardPath).expect(200));
        record(Kind.INDICATORS, "indicators page", LoadUsers.userId(ics, LoadUsers.MANAGERS), LoadUsers.MANAGERS,
                "GET", dashboardPath, null, JSON, dashboard, "the ICS's cells and its wards' names", Set.of());
        String deadlinesPath = indicatorsPath + "&indicators=deadlines&from="
                + java.time.YearMonth.now(java.time.ZoneId.of("Europe/London"));
        Timings deadlines = time(i -> manager.get(deadlinesPath).expect(200));
        record(Kind.INDICATORS, "deadlines page", LoadUsers.userId(ics, LoadUsers.MANAGERS), LoadUsers.MANAGERS,
                "GET", deadlinesPath, null, JSON, deadlines, "this month's deadlines, by ward", Set.of());
        return calls.stream().map(Call::row).toList();
    }

    /**
     * A nurse's own ward: the group's first list searched, in Tasklist's search bar, for the process variable
     * {@code ward} equal to her ward's name. Tasklist sends the search with the filter's list; the same people are
     * on {@value #MEASURED_WARD} at every size ({@link PathwayPlan#ward()}).
     */
    private void measureOneWard(NodeClient client, String user, String group) {
        Map<String, Object> body = new LinkedHashMap<>(TASKLIST_LIST_BODY);
        body.put("processVariables", List.of(Map.of("name", "ward", "operator", "eq", "value", MEASURED_WARD)));
        JsonNode page = listFilter(client, user, group, filters(client).get(0), body, ", searched for one ward");
        Set<String> wards = wardsShown(page);
        if (!wards.equals(Set.of(MEASURED_WARD))) {
            throw new IllegalStateException("the search for " + MEASURED_WARD + " showed the wards " + wards);
        }
    }

    /** Times a filter's first page as Tasklist lists it, with {@code body}; gives the last page answered. */
    private JsonNode listFilter(NodeClient client, String user, String group, JsonNode filter, Map<String, Object> body,
                                String searched) {
        String path = "/engine-rest/filter/" + filter.get("id").asText() + "/list?firstResult=0&maxResults=15";
        JsonNode[] page = new JsonNode[1];
        Timings listed = time(i -> {
            NodeClient.Answer a = client.post(path, body, NodeClient.TASKLIST_ACCEPT).expect(200);
            page[0] = a.json();
            return a;
        });
        JsonNode tasks = page[0].path("_embedded").path("task");
        record(Kind.FILTER_LIST, "filter \"" + filter.get("name").asText() + "\"" + searched, user, group, "POST", path,
                body, NodeClient.TASKLIST_ACCEPT, listed, tasks.size() + " of " + page[0].path("count").asLong()
                        + " tasks, " + variablesShown(page[0]) + " variables", tenants(tasks));
        return page[0];
    }

    /** The filters the user may read, as Tasklist lists them, lowest priority first (Tasklist's order). */
    static List<JsonNode> filters(NodeClient client) {
        List<JsonNode> filters = new ArrayList<>();
        client.get("/engine-rest/filter?resourceType=Task&itemCount=false").expect(200).json().forEach(filters::add);
        filters.sort(Comparator.comparingInt(f -> f.path("properties").path("priority").asInt(0)));
        return filters;
    }

    /** Tasklist opening a task: the task, its form reference, the values the form shows, and the form itself. */
    private static NodeClient.Answer openTask(NodeClient client, String taskId) {
        client.get("/engine-rest/task/" + taskId, NodeClient.TASKLIST_ACCEPT).expect(200);
        client.get("/engine-rest/task/" + taskId + "/form", JSON).expect(200);
        client.get("/engine-rest/task/" + taskId + "/form-variables?deserializeValues=false", JSON).expect(200);
        return client.get("/engine-rest/task/" + taskId + "/deployed-form", JSON).expect(200);
    }

    private void record(Kind kind, String measurement, String user, String group, String method, String path, Object body,
                        String accept, Timings t, String shown, Set<String> icsSeen) {
        calls.add(new Call(Row.of(kind, measurement, user, t, shown, icsSeen), group, method, path, body, accept));
    }

    private Timings time(IntFunction<NodeClient.Answer> call) {
        for (int i = 0; i < sampling.warmUp(); i++) {
            long start = System.nanoTime();
            call.apply(i);
            if (System.nanoTime() - start > SLOW_ENOUGH_TO_BE_WARM) {
                // a call this slow is the database's work, not a cold JIT's: more warm-up would only cost time
                break;
            }
        }
        Timings t = new Timings();
        long began = System.nanoTime();
        long budget = sampling.budget().toNanos();
        for (int i = 0; i < sampling.maxSamples(); i++) {
            if (i >= sampling.minSamples() && System.nanoTime() - began > budget) {
                break;
            }
            long start = System.nanoTime();
            call.apply(sampling.warmUp() + i);
            t.add(System.nanoTime() - start);
        }
        t.wall(System.nanoTime() - began);
        return t;
    }

    /** The ICS of each task listed: the engine's tenant id, and the {@code homeIcs} variable Tasklist shows. */
    static Set<String> tenants(JsonNode tasks) {
        Set<String> seen = new TreeSet<>();
        tasks.forEach(t -> {
            if (t.hasNonNull("tenantId")) {
                seen.add(t.get("tenantId").asText());
            }
            t.path("_embedded").path("variable").forEach(v -> {
                if ("homeIcs".equals(v.path("name").asText())) {
                    seen.add(v.path("value").asText());
                }
            });
        });
        return seen;
    }

    /** The value of the {@code ward} variable each task of a HAL page shows. */
    private static Set<String> wardsShown(JsonNode halPage) {
        Set<String> wards = new TreeSet<>();
        halPage.path("_embedded").path("task").forEach(t -> t.path("_embedded").path("variable").forEach(v -> {
            if (v.path("name").asText().equals("ward")) {
                wards.add(v.path("value").asText());
            }
        }));
        return wards;
    }

    private static int variablesShown(JsonNode halPage) {
        int[] n = {0};
        halPage.path("_embedded").path("task").forEach(t -> n[0] += t.path("_embedded").path("variable").size());
        return n[0];
    }

    static Map<String, Long> countsByGroup(LoadUsers users, ServiceNode node, String ics) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String group : LoadUsers.GROUPS) {
            counts.put(group, users.as(node, ics, group).get("/engine-rest/task/count?candidateGroup=" + group)
                    .expect(200).json().path("count").asLong());
        }
        return counts;
    }
}

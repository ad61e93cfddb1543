package org.mhpathway.benchmark;

import static org.mhpathway.ApiTestUsers.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.mhpathway.ApiTestUsers;
import org.mhpathway.PostgresTestDatabase;
import org.mhpathway.access.Roles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * {@code GET /api/indicators} over three years of a national register on PostgreSQL: the service's tables filled
 * directly with SQL (pathways, delay periods, out-of-area placements, reviews, breaches), as many as
 * {@code benchmark.openPathways} in hospital and {@code benchmark.closedPathways} discharged over three years, then
 * each call timed as a manager and as the discharge hub. Prints latency percentiles; asserts nothing about time.
 * The engine's tables hold no load here (deadlines count Tasklist's tasks): that part is measured at national load
 * by {@link NationalLoadBenchmark}. Run with {@code ./mvnw -Pbenchmark test -Dtest=IndicatorsBenchmark}.
 */
@Tag("benchmark")
@SpringBootTest(properties = {
        "spring.profiles.active=postgres",
        "camunda.bpm.job-execution.enabled=false",
        "mhpathway.admin.password=" + ApiTestUsers.ADMIN_PASSWORD})
@AutoConfigureMockMvc
@Import(ApiTestUsers.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@EnabledIf("org.mhpathway.PostgresTestDatabase#availableOrRequired")
class IndicatorsBenchmark {

    private static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();
    private static final int OPEN = Integer.getInteger("benchmark.openPathways", 18_000);
    private static final int CLOSED = Integer.getInteger("benchmark.closedPathways", 150_000);
    private static final int WARM_UP = Integer.getInteger("benchmark.warmUp", 3);
    private static final int MEASURED = Integer.getInteger("benchmark.samples", 10);
    /** People in hospital a ward holds, as England's wards hold about 18 to 22 (as {@code PathwayPlan.ward()}). */
    private static final int PEOPLE_PER_WARD = Integer.getInteger("benchmark.peoplePerWard", 20);
    /** Wards of each ICS: as many as its people in hospital fill (300 at 18,000 in three ICSs). */
    private static final int WARDS = Math.max(1, OPEN / 3 / PEOPLE_PER_WARD);
    private static final String PASSWORD = "benchmark-password-of-length";

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired IdentityService identity;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.create();
        if (!Boolean.getBoolean("benchmark.keepDatabase")) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    DATABASE.drop();
                } catch (RuntimeException e) {
                    System.err.println("Could not drop " + DATABASE.name() + ": " + e.getMessage());
                }
            }));
        }
        registry.add("DB_URL", DATABASE::url);
        registry.add("DB_USER", PostgresTestDatabase::user);
        registry.add("DB_PASSWORD", PostgresTestDatabase::password);
    }

    @Test
    void indicatorsOverThreeYearsOfANationalRegister() throws Exception {
        user("benchmanager", Roles.MANAGERS);
        user("benchhub", Roles.DISCHARGE_HUB);
        long started = System.nanoTime();
        fill();
        System.out.printf("%nFilled %,d pathways in hospital and %,d discharged, on %,d wards in each ICS, in %.0f s (%s)%n",
                OPEN, CLOSED, WARDS, (System.nanoTime() - started) / 1e9, DATABASE.name());
        for (String table : List.of("pathway", "delay_period", "delay_period_reason", "out_of_area_placement", "scheduled_review", "sla_breach")) {
            System.out.printf("  %-22s %,10d rows%n", table,
                    jdbc.sql("select count(*) from " + table).query(Long.class).single());
        }
        System.out.printf("%nGET /api/indicators, ICS QT1 (a third of the register), %d measured after %d warm-up%n",
                MEASURED, WARM_UP);
        time("12 months, every ward (JSON)", get("/api/indicators").param("ics", "QT1"), "benchmanager");
        time("12 months, every ward (CSV)", get("/api/indicators").param("ics", "QT1").accept("text/csv"),
                "benchmanager");
        time("12 months, one ward", get("/api/indicators").param("ics", "QT1").param("ward", "Ward 7"), "benchmanager");
        time("36 months, every ward", get("/api/indicators").param("ics", "QT1")
                .param("from", java.time.YearMonth.now().minusMonths(35).toString()), "benchmanager");
        time("12 months, the hub's delay figures", get("/api/indicators").param("ics", "QT1"), "benchhub");
        // what the dashboards ask for
        String thisMonth = java.time.YearMonth.now(java.time.ZoneId.of("Europe/London")).toString();
        time("indicators page: 12 months, the ICS", get("/api/indicators").param("ics", "QT1")
                .param("byWard", "false"), "benchmanager");
        time("indicators page: 12 months, one ward", get("/api/indicators").param("ics", "QT1")
                .param("ward", "Ward 7").param("byWard", "false"), "benchmanager");
        time("indicators page: 36 months, the ICS", get("/api/indicators").param("ics", "QT1")
                .param("from", java.time.YearMonth.now().minusMonths(35).toString()).param("byWard", "false"),
                "benchmanager");
        time("deadlines page: this month by ward", get("/api/indicators").param("ics", "QT1")
                .param("from", thisMonth).param("indicators", "deadlines"), "benchmanager");
        time("Cockpit panel: this month, every ICS", get("/api/indicators").param("from", thisMonth)
                .param("byWard", "false").param("indicators", "deadlines,delayedDischarges,outOfAreaPlacements"),
                "benchmanager");
        time("hub board: this month, every ICS", get("/api/indicators").param("from", thisMonth)
                .param("byWard", "false").param("indicators", "delayedDischarges"), "benchhub");
        time("this month, every ICS, indicator and ward", get("/api/indicators").param("from", thisMonth),
                "benchmanager");
    }

    private void time(String what, MockHttpServletRequestBuilder request, String user) throws Exception {
        request.with(as(user, PASSWORD));
        int size = 0;
        for (int i = 0; i < WARM_UP; i++) {
            size = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray().length;
        }
        long[] nanos = new long[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long t = System.nanoTime();
            mvc.perform(request).andExpect(status().isOk());
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf("  %-36s p50 %7.1f ms   p95 %7.1f ms   max %7.1f ms   %,d bytes%n", what, pct(nanos, 50),
                pct(nanos, 95), nanos[nanos.length - 1] / 1e6, size);
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private void user(String id, String group) {
        User user = identity.newUser(id);
        user.setFirstName(id);
        user.setLastName("Benchmark");
        user.setPassword(PASSWORD);
        identity.saveUser(user);
        identity.createMembership(id, group);
        for (String ics : Set.of("QJ2", "QT1", "QHG")) {
            identity.createTenantUserMembership(ics, id);
        }
    }

    /**
     * Pathways in the three ICSs on as many wards as their people in hospital fill, 20 a ward: adult acute most, some
     * older adult, PICU, rehabilitation and learning disability wards; stays of a day to three months (longer for some
     * in hospital now); one in twenty out of area, one in five delayed; deaths, prison and transfers among the
     * discharges; a person readmitted now and then.
     */
    private void fill() {
        jdbc.sql("select setseed(0.12)").query().singleValue();
        jdbc.sql("""
                insert into pathway (pathway_id, nhs_number, home_ics, ward_type, referral_source,
                       learning_disability_or_autism, referred_at, admitted_at, key_stage_1_completed_at, crfd_at,
                       discharged_at, discharge_destination, follow_up_completed_at, gp_summary_sent_at,
                       discharge_notice_given_at, out_of_area, readmission, closed_at, outcome, ward)
                select 'BC-' || n, lpad((1000000000 + n % 120000)::text, 10, '0'), ics, ward_type, 'crisis-team',
                       ward_type = 'learning-disability-and-autism', admitted - interval '6 hours', admitted,
                       admitted + interval '1 hour' * (20 + 70 * r1), discharged - interval '3 days', discharged,
                       destination,
                       case when destination = 'died' then null else discharged + interval '1 hour' * (6 + 100 * r2) end,
                       case when destination = 'died' then null else discharged + interval '1 day' * (10 * r3) end,
                       discharged - interval '1 hour' * (30 + 30 * r1), r2 < 0.05, r3 > 0.93,
                       discharged + interval '8 days', 'completed', 'Ward ' || ((n / 3) % :wards)
                  from (select n, ics, ward_type, admitted, r1, r2, r3, admitted + stay as discharged,
                               case when r1 < 0.02 then 'died' when r1 < 0.04 then 'other-hospital'
                                    when r1 < 0.05 then 'prison-or-court' else 'home' end as destination
                          from (select n, (array['QJ2','QT1','QHG'])[1 + n % 3] as ics,
                                       (array['adult-acute','adult-acute','adult-acute','older-adult','picu',
                                              'rehabilitation','learning-disability-and-autism'])[1 + (n / 3) % 7]
                                           as ward_type,
                                       interval '1 day' * (1 + 90 * random() ^ 2) as stay,
                                       now() - interval '10 days' - interval '1095 days' * random() as admitted,
                                       random() as r1, random() as r2, random() as r3
                                  from generate_series(1, :closed) n) g) d
                 where discharged + interval '8 days' < now()""").param("closed", CLOSED).param("wards", WARDS).update();
        jdbc.sql("""
                insert into pathway (pathway_id, nhs_number, home_ics, ward_type, referral_source,
                       learning_disability_or_autism, referred_at, admitted_at, key_stage_1_completed_at, crfd_at,
                       out_of_area, readmission, ward)
                select 'BO-' || n, lpad((2000000000 + n)::text, 10, '0'), (array['QJ2','QT1','QHG'])[1 + n % 3],
                       ward_type, 'crisis-team', ward_type = 'learning-disability-and-autism',
                       admitted - interval '6 hours', admitted, admitted + interval '1 hour' * (20 + 70 * r1),
                       case when r2 < 0.3 then now() - interval '1 day' * (10 * r3) end, r2 > 0.95, r3 > 0.93,
                       'Ward ' || ((n / 3) % :wards)
                  from (select n, (array['adult-acute','adult-acute','adult-acute','older-adult','picu',
                                         'rehabilitation','learning-disability-and-autism'])[1 + (n / 3) % 7]
                                      as ward_type,
                               now() - interval '1 day' * (200 * random() ^ 2) as admitted,
                               random() as r1, random() as r2, random() as r3
                          from generate_series(1, :open) n) g""").param("open", OPEN).param("wards", WARDS).update();
        // one in five delayed: a closed stay's delay ended before discharge, an open stay's CRFD still delayed
        jdbc.sql("""
                insert into delay_period (pathway_id, ward, reason, attribution, responsible_local_authority,
                       started_at, ended_at, ended_reason, escalation_level, escalation_level_name, next_escalation_due)
                select pathway_id, ward,
                       (array['housing','social-care','placement','funding','home-adaptations'])[1 + abs(hashtext(pathway_id)) % 5],
                       (array['nhs','social-care','both'])[1 + abs(hashtext(pathway_id)) % 3],
                       home_ics || ' Council ' || (abs(hashtext(pathway_id)) % 4), crfd_at,
                       case when discharged_at is not null then discharged_at - interval '2 days' end,
                       case when discharged_at is not null then 'support-in-place' end,
                       1, 'Ward and discharge coordinator',
                       case when discharged_at is null then now() + interval '1 day' end
                  from pathway where crfd_at is not null and abs(hashtext(pathway_id || 'd')) % 5 = 0
                   and (discharged_at is null or discharged_at - interval '2 days' > crfd_at)""").update();
        // each delay's reason history: one stretch in three with a review that changed the reason halfway
        jdbc.sql("""
                insert into delay_period_reason (delay_period_id, reason, attribution, responsible_local_authority,
                       started_at, ended_at)
                select id, case when id % 3 = 0 then 'placement' else reason end, attribution,
                       responsible_local_authority, started_at,
                       case when id % 3 = 0 then started_at + (coalesce(ended_at, now()) - started_at) / 2 else ended_at end
                  from delay_period""").update();
        jdbc.sql("""
                insert into delay_period_reason (delay_period_id, reason, attribution, responsible_local_authority,
                       started_at, ended_at)
                select id, reason, attribution, responsible_local_authority,
                       started_at + (coalesce(ended_at, now()) - started_at) / 2, ended_at
                  from delay_period where id % 3 = 0""").update();
        jdbc.sql("""
                insert into out_of_area_placement (pathway_id, ward, hospital, started_at, ended_at, ended_reason)
                select pathway_id, ward, 'Elsewhere', admitted_at,
                       case when discharged_at is not null then least(discharged_at, admitted_at + interval '14 days') end,
                       case when discharged_at is not null then 'repatriated' end
                  from pathway where out_of_area""").update();
        jdbc.sql("""
                insert into scheduled_review (pathway_id, kind, due_at, held_at)
                select p.pathway_id, case when k = 0 then 'cetr' else 'oversight-visit' end,
                       p.admitted_at + interval '28 days' * (k + 1),
                       case when (k + abs(hashtext(p.pathway_id))) % 10 = 0 then null
                            else p.admitted_at + interval '28 days' * (k + 1) - interval '1 day' end
                  from pathway p, generate_series(0, 5) k
                 where p.learning_disability_or_autism
                   and p.admitted_at + interval '28 days' * (k + 1) < coalesce(p.discharged_at, now())""").update();
        jdbc.sql("""
                insert into sla_breach (pathway_id, sla_code, sla_name, responsible_group, due_at, breached_at,
                       responded_at)
                select pathway_id, 'follow-up', 'Follow-up within 72 hours of discharge', 'community-mh-team',
                       discharged_at + interval '72 hours', discharged_at + interval '72 hours',
                       discharged_at + interval '80 hours'
                  from pathway where follow_up_completed_at > discharged_at + interval '72 hours'""").update();
        jdbc.sql("analyze").update();
    }
}

package org.mhpathway.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mhpathway.pathway.PathwayProcesses.InpatientReviews;

/**
 * N timers falling due at the same moment, as when a ward's daily reviews all come round at once, and how long the
 * job executor takes to fire them all. The timers are the review timers of running stays (the daily Red-to-Green
 * review and the three-day delay factor review), each of which opens one task for the ward when it fires: after the
 * drains, the ward has the reviews open that a ward has on a normal day. They were set by the models for a later date; to make them due at once, the benchmark sets their
 * {@code ACT_RU_JOB.DUEDATE_} to now, the only write it makes to the engine's tables. Each timer's firing is
 * counted in the job log ({@code ACT_HI_JOB_LOG}): a timer fired twice, or not at all, shows.
 */
final class TimerDrain {

    static final List<String> TIMERS = List.of(InpatientReviews.TIMER_RED_TO_GREEN_REVIEW_DUE,
            InpatientReviews.TIMER_DELAY_FACTOR_REVIEW_DUE);
    /** The task each timer opens when it fires. */
    private static final Map<String, String> OPENS = Map.of(
            InpatientReviews.TIMER_RED_TO_GREEN_REVIEW_DUE, InpatientReviews.TASK_RECORD_RED_TO_GREEN_DAY,
            InpatientReviews.TIMER_DELAY_FACTOR_REVIEW_DUE, InpatientReviews.TASK_REVIEW_DELAY_FACTORS,
            InpatientReviews.TIMER_LONG_STAY_REACHED, InpatientReviews.TASK_HOLD_LONG_STAY_PEER_REVIEW);
    private static final Duration PATIENCE = Duration.ofMinutes(45);

    /** What one drain showed. */
    record Drain(String nodes, int timers, Duration firstFired, Duration allFired, Map<String, Long> firedByNode,
                 long firedOnce, long firedTwiceOrMore, long failedAttempts, long tasksOpened, boolean finished) {

        double perSecond() {
            Duration drain = allFired.minus(firstFired);
            return timers / Math.max(0.001, drain.toMillis() / 1000.0);
        }
    }

    private final LoadDatabase db;

    TimerDrain(LoadDatabase db) {
        this.db = db;
    }

    /**
     * Two disjoint sets of up to {@code n} review timers not yet due, for a drain on one node and one on two: each
     * kind of timer is dealt alternately to the two sets, so both hold the same mix.
     */
    List<List<String>> pickTwoSets(int n) throws Exception {
        List<String> rows = db.strings("select j.id_ from act_ru_job j join act_ru_jobdef d on d.id_ = j.job_def_id_"
                + " where j.type_ = 'timer' and d.act_id_ = any(?) and j.duedate_ > now() + interval '10 minutes'"
                + " and j.lock_owner_ is null and j.retries_ > 0 order by d.act_id_, j.id_", TIMERS);
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            (i % 2 == 0 ? a : b).add(rows.get(i));
        }
        int each = Math.min(n, Math.min(a.size(), b.size()));
        // spread over the kinds rather than taking the first kind whole
        return List.of(spread(a, each), spread(b, each));
    }

    /**
     * Up to {@code n} long-stay review timers not yet due, a kind the measured drains leave alone: made due on two
     * nodes before the measured drain, so that the node just started has compiled its job code as the other has.
     */
    List<String> pickWarmUp(int n) throws Exception {
        List<String> rows = db.strings("select j.id_ from act_ru_job j join act_ru_jobdef d on d.id_ = j.job_def_id_"
                + " where j.type_ = 'timer' and d.act_id_ = ? and j.duedate_ > now() + interval '10 minutes'"
                + " and j.lock_owner_ is null and j.retries_ > 0 order by j.id_", InpatientReviews.TIMER_LONG_STAY_REACHED);
        return spread(rows, Math.min(n, rows.size()));
    }

    /** {@code n} of {@code from}, evenly spread over it (all of it when it holds no more). */
    static List<String> spread(List<String> from, int n) {
        List<String> picked = new ArrayList<>();
        n = Math.min(n, from.size());
        if (n == 0) {
            return picked;
        }
        double step = (double) from.size() / n;
        for (int i = 0; i < n; i++) {
            picked.add(from.get((int) (i * step)));
        }
        return picked;
    }

    /** Makes the timers due now and waits until every one has fired; {@code nodes} names who was running. */
    Drain drain(String nodes, List<String> jobIds) throws Exception {
        if (jobIds.isEmpty()) {
            return new Drain(nodes, 0, Duration.ZERO, Duration.ZERO, Map.of(), 0, 0, 0, 0, true);
        }
        List<String> instances = db.strings("select distinct process_instance_id_ from act_ru_job where id_ = any(?)", jobIds);
        List<String> opens = db.strings("select distinct d.act_id_ from act_ru_job j join act_ru_jobdef d on d.id_ = j.job_def_id_"
                + " where j.id_ = any(?)", jobIds).stream().map(OPENS::get).toList();
        int shifted = db.update("update act_ru_job set duedate_ = clock_timestamp() where id_ = any(?)", jobIds);
        Instant due = Instant.now();
        if (shifted != jobIds.size()) {
            throw new AssertionError("only " + shifted + " of " + jobIds.size() + " timers still waiting to be made due");
        }
        Duration first = null;
        boolean finished = false;
        Instant giveUp = due.plus(PATIENCE);
        while (Instant.now().isBefore(giveUp)) {
            long left = db.count("select count(*) from act_ru_job where id_ = any(?)", jobIds);
            Duration since = Duration.between(due, Instant.now());
            if (first == null && left < jobIds.size()) {
                first = since;
            }
            if (left == 0) {
                finished = true;
                break;
            }
            Thread.sleep(200);
        }
        Duration all = Duration.between(due, Instant.now());
        Map<String, Long> byNode = db.countBy("select hostname_, count(*) from act_hi_job_log where job_id_ = any(?)"
                + " and job_state_ = 2 group by hostname_", jobIds);
        long once = db.count("select count(distinct job_id_) from act_hi_job_log where job_id_ = any(?) and job_state_ = 2", jobIds);
        long twice = db.count("select count(*) from (select job_id_ from act_hi_job_log where job_id_ = any(?)"
                + " and job_state_ = 2 group by job_id_ having count(*) > 1) d", jobIds);
        long failed = db.count("select count(*) from act_hi_job_log where job_id_ = any(?) and job_state_ = 3", jobIds);
        long tasks = db.count("select count(*) from act_hi_taskinst where proc_inst_id_ = any(?) and task_def_key_ = any(?)"
                + " and start_time_ >= ?", instances, opens, java.sql.Timestamp.from(due.minusSeconds(1)));
        return new Drain(nodes, jobIds.size(), first == null ? all : first, all, byNode, once, twice, failed, tasks, finished);
    }
}

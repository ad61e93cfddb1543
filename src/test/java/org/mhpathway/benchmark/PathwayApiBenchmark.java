package org.mhpathway.benchmark;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mhpathway.ProcessTestCase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Figures for the two calls partners make most: accepting a referral and reading a pathway. Prints
 * throughput and latency percentiles; asserts nothing about time. Run with {@code ./mvnw -Pbenchmark test}.
 */
@Tag("benchmark")
class PathwayApiBenchmark extends ProcessTestCase {

    private static final int WARM_UP = 100;
    private static final int MEASURED = 1000;

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;

    @Test
    void referralsAndPathwayReads() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < WARM_UP; i++) {
            ids.add(refer());
        }
        long[] referLatency = new long[MEASURED];
        long started = System.nanoTime();
        for (int i = 0; i < MEASURED; i++) {
            long t = System.nanoTime();
            ids.add(refer());
            referLatency[i] = System.nanoTime() - t;
        }
        double referSeconds = (System.nanoTime() - started) / 1e9;

        long[] readLatency = new long[MEASURED];
        started = System.nanoTime();
        for (int i = 0; i < MEASURED; i++) {
            long t = System.nanoTime();
            mvc.perform(get("/api/pathways/" + ids.get(i))).andExpect(status().isOk());
            readLatency[i] = System.nanoTime() - t;
        }
        double readSeconds = (System.nanoTime() - started) / 1e9;

        System.out.printf("%nBenchmark (H2 in memory, one thread, %d measured after %d warm-up)%n", MEASURED, WARM_UP);
        report("POST /api/referrals", referLatency, referSeconds);
        report("GET /api/pathways/{id}", readLatency, readSeconds);
    }

    private String refer() throws Exception {
        String body = json.createObjectNode().put("nhsNumber", newNhsNumber()).put("dateOfBirth", "1980-01-01")
                .put("learningDisabilityOrAutism", false).put("wardType", "adult-acute").put("homeIcs", "QJ2")
                .put("gpPracticeCode", "C81001").put("referralSource", "gp").toString();
        String response = mvc.perform(post("/api/referrals").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(response).get("pathwayId").asText();
    }

    private static void report(String call, long[] nanos, double seconds) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("  %-24s %7.1f calls/s   p50 %6.2f ms   p95 %6.2f ms   p99 %6.2f ms   max %6.2f ms%n",
                call, nanos.length / seconds, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99),
                sorted[sorted.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}

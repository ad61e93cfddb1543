package org.mhpathway.benchmark;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mhpathway.ApiTestUsers;
import org.mhpathway.ProcessTestCase;
import org.mhpathway.partners.Partner;
import org.mhpathway.partners.PartnerCredentials;
import org.mhpathway.partners.PartnerDirectory;
import org.mhpathway.partners.PartnerRole;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Figures for a partner's refused answer ({@code POST /api/partner-messages}, 401): with a wrong secret for a partner
 * that holds a credential, for a partner id that does not exist, and for a partner without a credential. The three
 * should take the same time (each is one BCrypt comparison). Prints latency percentiles; asserts nothing about time.
 * Run with {@code ./mvnw -Pbenchmark test}.
 */
@Tag("benchmark")
class PartnerCredentialBenchmark extends ProcessTestCase {

    private static final int WARM_UP = 10;
    private static final int MEASURED = 60;

    @Autowired MockMvc mvc;
    @Autowired PartnerDirectory directory;
    @Autowired PartnerCredentials credentials;

    @Test
    void refusedPartnerCredentials() throws Exception {
        String known = "bench-" + Long.toString(System.nanoTime(), 36);
        directory.save(new Partner(known, "Benchmark partner", PartnerRole.LOCAL_AUTHORITY, null, "QJ2", null, null,
                known + "@partners.example.org", false, true), credentials.hash(credentials.newSecret()), now());
        String without = known + "-without";
        directory.save(new Partner(without, "Benchmark partner without credential", PartnerRole.LOCAL_AUTHORITY, null,
                "QJ2", null, null, without + "@partners.example.org", false, true), null, now());

        System.out.printf("%nBenchmark: refused partner credentials (H2 in memory, one thread, %d measured after %d"
                + " warm-up; each should be one BCrypt comparison)%n", MEASURED, WARM_UP);
        report("known id, wrong secret", known);
        report("unknown id", "no-such-partner");
        report("id without credential", without);
    }

    private void report(String what, String partnerId) throws Exception {
        long[] nanos = new long[MEASURED];
        for (int i = -WARM_UP; i < MEASURED; i++) {
            long t = System.nanoTime();
            mvc.perform(post("/api/partner-messages").with(ApiTestUsers.as(partnerId, "not-the-secret"))
                    .contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isUnauthorized());
            if (i >= 0) {
                nanos[i] = System.nanoTime() - t;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("  %-24s p50 %6.1f ms   p95 %6.1f ms   max %6.1f ms%n", what, nanos[MEASURED / 2] / 1e6,
                nanos[(int) Math.ceil(0.95 * MEASURED) - 1] / 1e6, nanos[MEASURED - 1] / 1e6);
    }
}

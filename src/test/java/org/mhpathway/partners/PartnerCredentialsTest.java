package org.mhpathway.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mhpathway.ProcessTestCase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Issue 16, item 5: a partner credential check does the same work, one BCrypt comparison, whether the partner id is
 * known, unknown, inactive or without a credential, so its time does not tell which ids exist. (Times themselves are
 * measured by {@code PartnerCredentialBenchmark}, not asserted.)
 */
class PartnerCredentialsTest extends ProcessTestCase {

    @Autowired PartnerDirectory directory;

    private final AtomicInteger comparisons = new AtomicInteger();

    /** BCrypt as the service uses it, counting the comparisons it makes. */
    private final PasswordEncoder counting = new PasswordEncoder() {
        private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            comparisons.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    };

    @Test
    void everyCheckIsOneBcryptComparisonWhetherThePartnerIdIsKnownOrNot() {
        PartnerCredentials credentials = new PartnerCredentials(directory, counting);
        String id = "timing-" + Long.toString(System.nanoTime(), 36);
        String secret = credentials.newSecret();
        directory.save(partner(id, true), credentials.hash(secret), now());
        String inactive = id + "-inactive";
        directory.save(partner(inactive, false), credentials.hash(secret), now());
        String without = id + "-without";
        directory.save(partner(without, true), null, now());

        assertChecked(credentials, id, secret, true);
        assertChecked(credentials, id, "a wrong secret", false);
        assertChecked(credentials, "no-such-partner", secret, false);
        assertChecked(credentials, inactive, secret, false);
        assertChecked(credentials, without, secret, false);
    }

    private void assertChecked(PartnerCredentials credentials, String partnerId, String secret, boolean accepted) {
        comparisons.set(0);
        assertThat(credentials.authenticate(partnerId, secret).isPresent()).as(partnerId).isEqualTo(accepted);
        assertThat(comparisons.get()).as("BCrypt comparisons for " + partnerId).isEqualTo(1);
    }

    private static Partner partner(String id, boolean active) {
        return new Partner(id, "Timing test partner", PartnerRole.LOCAL_AUTHORITY, null, "QJ2", null, null,
                id + "@partners.example.org", false, active);
    }
}

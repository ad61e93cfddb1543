package org.mhpathway.partners;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Partner API credentials: issued once in clear, kept only as a BCrypt hash, checked in constant time. A check takes
 * the same time whether the partner id is known or not: an unknown id, or a partner that holds no credential, is
 * checked against a hash of a random secret nobody holds, so the time an answer takes does not tell which partner ids
 * exist.
 */
@Component
public class PartnerCredentials {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final PasswordEncoder bcrypt;
    private final PartnerDirectory directory;
    /** Compared against when there is nothing to compare against: same algorithm, same cost. */
    private final String noCredential;

    @Autowired
    public PartnerCredentials(PartnerDirectory directory) {
        this(directory, new BCryptPasswordEncoder());
    }

    PartnerCredentials(PartnerDirectory directory, PasswordEncoder bcrypt) {
        this.directory = directory;
        this.bcrypt = bcrypt;
        this.noCredential = bcrypt.encode(newSecret());
    }

    /** A new random credential, to hand to the partner once. */
    public String newSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String hash(String secret) {
        return bcrypt.encode(secret);
    }

    /** The active partner whose credential this is, or empty. */
    public Optional<Partner> authenticate(String partnerId, String secret) {
        if (partnerId == null || secret == null) {
            return Optional.empty();
        }
        Optional<String> hash = directory.credentialHash(partnerId);
        boolean matches = bcrypt.matches(secret, hash.orElse(noCredential));
        return hash.isPresent() && matches ? directory.find(partnerId) : Optional.empty();
    }
}

package org.mhpathway.partners;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/** Partner API credentials: issued once in clear, kept only as a BCrypt hash, checked in constant time. */
@Component
public class PartnerCredentials {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
    private final PartnerDirectory directory;

    public PartnerCredentials(PartnerDirectory directory) {
        this.directory = directory;
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
        return directory.credentialHash(partnerId)
                .filter(hash -> bcrypt.matches(secret, hash))
                .flatMap(hash -> directory.find(partnerId));
    }
}

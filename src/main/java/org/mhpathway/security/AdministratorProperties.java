package org.mhpathway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first administrator, created on a directory that has none: {@code MHPATHWAY_ADMIN_USER} (default {@code admin})
 * and {@code MHPATHWAY_ADMIN_PASSWORD} (no default). Outside the demo profile the service refuses to start with an
 * empty, well-known or short password ({@link IdentityBootstrap}).
 */
@ConfigurationProperties("mhpathway.admin")
public record AdministratorProperties(String user, String password) {
}

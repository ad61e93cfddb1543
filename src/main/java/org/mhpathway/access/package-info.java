/**
 * Who may do what, as the other modules name it: the groups ({@link org.mhpathway.access.Roles}), the caller of an
 * API request ({@link org.mhpathway.access.Caller}) and the groups an endpoint is open to
 * ({@link org.mhpathway.access.Allowed}). The {@code security} module enforces them.
 */
package org.mhpathway.access;

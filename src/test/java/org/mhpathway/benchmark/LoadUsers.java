package org.mhpathway.benchmark;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mhpathway.cluster.NodeClient;
import org.mhpathway.cluster.ServiceNode;

/**
 * The people the national load acts as: in each ICS one user per working group of PATHWAY.md section 6, in that
 * group only and in that ICS's tenant only, created through {@code /engine-rest} by the first administrator as
 * Camunda Admin would. The users of the measured ICS are the ones whose Tasklist is timed; all of them fill the
 * database, each doing their own group's work. Passwords are random per run.
 */
final class LoadUsers {

    static final List<String> ICSS = List.of("QJ2", "QT1", "QHG");
    static final String WARD = "ward-clinicians";
    static final String BEDS = "bed-management";
    static final String HUB = "discharge-hub";
    static final String HOUSING = "housing";
    static final String CMHT = "community-mh-team";
    static final String MANAGERS = "managers";
    static final List<String> GROUPS = List.of(WARD, BEDS, HUB, HOUSING, CMHT, MANAGERS);
    /** User ids are letters and digits only: Camunda's default user id pattern. */
    private static final Map<String, String> SHORT = Map.of(WARD, "clinician", BEDS, "bedmanager", HUB, "hub",
            HOUSING, "housingofficer", CMHT, "cmht", MANAGERS, "manager");
    private static final Map<String, String> ICS_NAMES = Map.of("QJ2", "Derby and Derbyshire",
            "QT1", "Nottingham and Nottinghamshire", "QHG", "Bedfordshire, Luton and Milton Keynes");

    final String adminPassword = randomPassword();
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private final Duration timeout;

    LoadUsers(Duration timeout) {
        this.timeout = timeout;
        for (String ics : ICSS) {
            for (String group : GROUPS) {
                passwords.put(userId(ics, group), randomPassword());
            }
        }
    }

    static String userId(String ics, String group) {
        return "bench" + ics.toLowerCase() + SHORT.get(group);
    }

    NodeClient admin(ServiceNode node) {
        return new NodeClient(node.baseUrl(), ServiceNode.adminUser(), adminPassword, timeout);
    }

    NodeClient as(ServiceNode node, String ics, String group) {
        String id = userId(ics, group);
        return new NodeClient(node.baseUrl(), id, passwords.get(id), timeout);
    }

    /** Creates each user in its group and ICS; the groups and the ICS tenants are the service's own, made at start. */
    void setUp(ServiceNode node) {
        NodeClient admin = admin(node);
        for (String ics : ICSS) {
            admin.get("/engine-rest/tenant/" + ics).expect(200);
            for (String group : GROUPS) {
                String id = userId(ics, group);
                admin.post("/engine-rest/user/create", Map.of(
                        "profile", Map.of("id", id, "firstName", ICS_NAMES.get(ics), "lastName", group,
                                "email", id + "@example.nhs.uk"),
                        "credentials", Map.of("password", passwords.get(id)))).expect(204);
                admin.put("/engine-rest/group/" + group + "/members/" + id, null).expect(204);
                admin.put("/engine-rest/tenant/" + ics + "/user-members/" + id, null).expect(204);
            }
        }
    }

    /**
     * On a database an earlier run kept, whose users hold that run's passwords: gives the administrator and every
     * user this run's, written as Camunda stores them (salted SHA-512, {@code PasswordManager}), and clears any
     * lock-out.
     */
    void adopt(LoadDatabase db) throws Exception {
        Map<String, String> all = new LinkedHashMap<>(passwords);
        all.put(ServiceNode.adminUser(), adminPassword);
        for (Map.Entry<String, String> user : all.entrySet()) {
            String salt = randomPassword();
            byte[] digest = java.security.MessageDigest.getInstance("SHA-512")
                    .digest((user.getValue() + salt).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            int updated = db.update("update act_id_user set salt_ = ?, pwd_ = ?, attempts_ = 0, lock_exp_time_ = null"
                    + " where id_ = ?", salt, "{SHA-512}" + Base64.getEncoder().encodeToString(digest), user.getKey());
            if (updated != 1) {
                throw new IllegalStateException("no user " + user.getKey() + " in the kept database");
            }
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

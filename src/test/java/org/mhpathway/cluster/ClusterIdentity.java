package org.mhpathway.cluster;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The users the cluster tests act as, set up through {@code /engine-rest} as an administrator would in Camunda
 * Admin. The administrator's user id and password are given to every node as {@code MHPATHWAY_ADMIN_USER} and
 * {@code MHPATHWAY_ADMIN_PASSWORD}, from which the service creates it; the steps below accept what already exists.
 * One worker is in every candidate group of PATHWAY.md section 6 and in the tenant of the test ICS, so it may
 * refer patients and complete any of their tasks. Calls that find something already there are accepted.
 */
final class ClusterIdentity {

    static final String ADMIN = "admin";
    static final String WORKER = "clusterworker";
    static final String ICS = "QJ2";
    static final List<String> GROUPS = List.of("bed-management", "ward-clinicians", "discharge-hub", "housing",
            "community-mh-team", "managers");

    final String adminPassword = randomPassword();
    final String workerPassword = randomPassword();

    NodeClient admin(ServiceNode node) {
        return new NodeClient(node.baseUrl(), ADMIN, adminPassword);
    }

    NodeClient worker(ServiceNode node) {
        return new NodeClient(node.baseUrl(), WORKER, workerPassword);
    }

    void setUp(ServiceNode node) {
        NodeClient admin = admin(node);
        user(admin, ADMIN, adminPassword, "Cluster", "Administrator");
        group(admin, "camunda-admin", "camunda BPM Administrators", "SYSTEM");
        admin.put("/engine-rest/group/camunda-admin/members/" + ADMIN, null).expect(204, 400, 500);
        user(admin, WORKER, workerPassword, "Cluster", "Worker");
        for (String group : GROUPS) {
            group(admin, group, group, "WORKFLOW");
            admin.put("/engine-rest/group/" + group + "/members/" + WORKER, null).expect(204, 400, 500);
        }
        if (admin.get("/engine-rest/tenant/" + ICS).status() == 404) {
            admin.post("/engine-rest/tenant/create", Map.of("id", ICS, "name", "Derby and Derbyshire")).expect(204, 400, 500);
        }
        admin.put("/engine-rest/tenant/" + ICS + "/user-members/" + WORKER, null).expect(204, 400, 500);
        admin.get("/engine-rest/user/" + WORKER + "/profile").expect(200);
    }

    private static void user(NodeClient admin, String id, String password, String first, String last) {
        if (admin.get("/engine-rest/user/" + id + "/profile").status() == 404) {
            admin.post("/engine-rest/user/create", Map.of(
                    "profile", Map.of("id", id, "firstName", first, "lastName", last, "email", id + "@example.nhs.uk"),
                    "credentials", Map.of("password", password))).expect(204, 400, 500);
        }
    }

    private static void group(NodeClient admin, String id, String name, String type) {
        if (admin.get("/engine-rest/group/" + id).status() == 404) {
            admin.post("/engine-rest/group/create", Map.of("id", id, "name", name, "type", type)).expect(204, 400, 500);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

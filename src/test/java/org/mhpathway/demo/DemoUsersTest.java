package org.mhpathway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mhpathway.security.DemoUsersOutsideTheDemo;

/**
 * The production jar refuses a database holding the demo's users with their published passwords; it does not carry
 * the demo, so it names them itself. This keeps its list and the users the demo creates the same.
 */
class DemoUsersTest {

    @Test
    void theServiceRefusesExactlyTheUsersTheDemoCreates() {
        List<String> created = new ArrayList<>();
        created.add(DemoData.ADMIN);
        DemoData.USERS.forEach(u -> created.add(u[0]));
        assertThat(DemoUsersOutsideTheDemo.DEMO_USERS).containsExactlyElementsOf(created);
    }
}

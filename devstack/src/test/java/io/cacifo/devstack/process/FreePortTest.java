package io.cacifo.devstack.process;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FreePortTest {
    @Test
    void ports_picked_for_children_that_have_not_bound_yet_are_never_the_same() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            int port = FreePort.or(0);
            assertTrue(port > 0 && port < 65536, String.valueOf(port));
            ports.add(port);
        }
        assertEquals(500, ports.size());
    }

    @Test
    void a_configured_port_is_taken_as_it_is() {
        assertEquals(9090, FreePort.or(9090));
    }
}

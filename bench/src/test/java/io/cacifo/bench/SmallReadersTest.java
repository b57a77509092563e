package io.cacifo.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one-line readers of /proc: load average, a process's port, TCP connections opened. */
class SmallReadersTest {
    @Test
    void the_one_minute_load_is_the_first_figure_of_loadavg() {
        assertEquals(0.25, LoadAverage.parse("0.25 1.19 1.24 1/345 6789\n"), 1e-9);
        assertTrue(LoadAverage.oneMinute() >= 0);
    }

    @Test
    void a_function_port_is_its_upstream_port() {
        assertEquals(35901, FunctionPort.parse("PATH=/usr/bin\0function_name=user-manager\0upstream_port=35901\0secrets_dir=/x\0"));
        assertThrows(IllegalStateException.class, () -> FunctionPort.parse("PATH=/usr/bin\0"));
    }

    @Test
    void tcp_connections_opened_come_from_the_line_after_the_tcp_header() {
        List<String> snmp = List.of(
                "Ip: Forwarding DefaultTTL",
                "Ip: 1 64",
                "Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens",
                "Tcp: 1 200 120000 -1 4242 17");

        assertEquals(4242, ConnectionCounters.activeOpens(snmp));
        assertTrue(ConnectionCounters.tcpActiveOpens() >= 0);
        assertThrows(IllegalArgumentException.class, () -> ConnectionCounters.activeOpens(List.of("Ip: 1")));
    }
}

package io.cacifo.deploy;

import io.cacifo.kit.testing.Prerequisite;
import io.cacifo.kit.testing.StackYaml;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The firewall that keeps the lock board's port on faasd's bridge (deploy/host/cacifo-board.nft,
 * loaded at boot by cacifo-board-firewall.service, installed by install-board-firewall.sh): it
 * loads, it guards the port door-io calls, and it lets in the bridge and the Pi itself only.
 */
class BoardFirewallTest {
    private static final String RULESET = "deploy/host/cacifo-board.nft";
    private static final String UNIT = "deploy/host/cacifo-board-firewall.service";
    private static final String SCRIPT = "deploy/scripts/install-board-firewall.sh";
    private static final Pattern ACCEPT_BRIDGE = Pattern.compile(
            "tcp dport (\\d+) iifname \"openfaas0\" ip saddr (\\d+\\.\\d+\\.\\d+\\.\\d+)/(\\d+) accept");

    private static URI lockBoardUrl() {
        Map<String, String> doorIo = StackYaml.strings(StackYaml.read(Map.of()).functions().get("door-io").get("environment"), "door-io");
        return URI.create(doorIo.get("lock_board_url"));
    }

    /** The rules of the input chain, in order, comments and blank lines left out. */
    private static List<String> rules() {
        String text = Repo.read(RULESET);
        String chain = text.substring(text.indexOf("chain input {") + "chain input {".length(), text.indexOf('}', text.indexOf("chain input {")));
        return chain.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#") && !line.startsWith("type "))
                .collect(Collectors.toList());
    }

    private static boolean inSubnet(String address, String network, int prefix) throws IOException {
        int a = ByteBuffer.wrap(InetAddress.getByName(address).getAddress()).getInt();
        int n = ByteBuffer.wrap(InetAddress.getByName(network).getAddress()).getInt();
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        return (a & mask) == (n & mask);
    }

    @Test
    void the_ruleset_loads_in_nft() throws IOException {
        Prerequisite.require(Processes.onPath("nft"), "nft is not installed here");

        Processes.Result check = Processes.run(List.of("nft", "-c", "-f", RULESET), Map.of());

        assertEquals(0, check.exitCode, check.toString());
    }

    @Test
    void only_faasd_s_bridge_and_the_pi_itself_reach_the_port_door_io_calls() throws IOException {
        URI board = lockBoardUrl();
        List<String> rules = rules();

        assertEquals(3, rules.size(), rules.toString());
        Matcher bridge = ACCEPT_BRIDGE.matcher(rules.get(0));
        assertTrue(bridge.matches(), "first rule: " + rules.get(0));
        assertEquals(board.getPort(), Integer.parseInt(bridge.group(1)), "the guarded port is lock_board_url's");
        assertEquals("10.62.0.0/16", bridge.group(2) + "/" + bridge.group(3), "faasd's subnet (pkg/cninetwork)");
        assertTrue(inSubnet(board.getHost(), bridge.group(2), Integer.parseInt(bridge.group(3))),
                board.getHost() + " is on faasd's bridge");
        assertEquals("tcp dport " + board.getPort() + " iifname \"lo\" accept", rules.get(1));
        assertEquals("tcp dport " + board.getPort() + " drop", rules.get(2), "everyone else is dropped");
    }

    @Test
    void the_boot_unit_loads_the_file_the_script_installs_and_removes_the_same_table() {
        String script = Repo.read(SCRIPT);
        String unit = Repo.read(UNIT);
        String table = "inet cacifo_board";

        assertTrue(script.contains("install -D -m 0644 " + RULESET + " /etc/cacifo/cacifo-board.nft"), script);
        assertTrue(script.contains("install -m 0644 " + UNIT + " /etc/systemd/system/cacifo-board-firewall.service"), script);
        assertTrue(unit.contains("ExecStart=/usr/sbin/nft -f /etc/cacifo/cacifo-board.nft"), unit);
        assertTrue(unit.contains("ExecStop=/usr/sbin/nft delete table " + table), unit);
        assertTrue(Repo.read(RULESET).contains("table " + table + " {"), "the ruleset defines " + table);
        assertTrue(unit.contains("Before=network-pre.target faasd.service"), "loaded before the bridge exists");
    }
}

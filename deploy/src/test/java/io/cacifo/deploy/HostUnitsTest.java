package io.cacifo.deploy;

import io.cacifo.kit.testing.Prerequisite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The systemd units deploy/ installs on the Pi: the wake-up units (cacifo-wake.service at boot,
 * cacifo-wake.timer every minute through cacifo-wake-check.service, installed by install-wake.sh)
 * and the drop-in that brings host MariaDB back after a crash. Checked with systemd's own
 * {@code systemd-analyze verify}, which needs no running systemd and no root.
 */
class HostUnitsTest {
    private static final String BOOT = "deploy/host/cacifo-wake.service";
    private static final String CHECK = "deploy/host/cacifo-wake-check.service";
    private static final String TIMER = "deploy/host/cacifo-wake.timer";
    private static final String INSTALL = "deploy/scripts/install-wake.sh";
    private static final String MARIADB_DROP_IN = "deploy/host/mariadb-after-faasd.conf";
    private static final String INSTALLED_SCRIPT = "/usr/local/sbin/cacifo-wake";
    private static final Pattern SETTING = Pattern.compile("(?m)^(\\w+)=(.*)$");
    private static final Pattern WAKE_TIMEOUT = Pattern.compile("CACIFO_WAKE_TIMEOUT=(\\d+)");

    @TempDir
    Path dir;

    /** Each key's values in order, comments left out. */
    private static Map<String, List<String>> settings(String unit) {
        Map<String, List<String>> settings = new LinkedHashMap<>();
        Matcher setting = SETTING.matcher(Repo.read(unit));
        while (setting.find()) {
            settings.computeIfAbsent(setting.group(1), key -> new ArrayList<>()).add(setting.group(2).strip());
        }
        return settings;
    }

    private static String one(String unit, String key) {
        List<String> values = settings(unit).getOrDefault(key, List.of());
        assertEquals(1, values.size(), unit + ": " + key + "=" + values);
        return values.get(0);
    }

    private static int wakeTimeout(String unit) {
        Matcher timeout = WAKE_TIMEOUT.matcher(one(unit, "Environment"));
        assertTrue(timeout.find(), unit + " sets CACIFO_WAKE_TIMEOUT");
        return Integer.parseInt(timeout.group(1));
    }

    private static int seconds(String systemdTime) {
        Matcher time = Pattern.compile("(\\d+)(s|min)").matcher(systemdTime);
        assertTrue(time.matches(), "a time in s or min: " + systemdTime);
        return Integer.parseInt(time.group(1)) * (time.group(2).equals("min") ? 60 : 1);
    }

    /** A copy of {@code file} in the temporary folder as {@code name}, the script's installed path pointing at the repository's. */
    private Path copy(String file, String name) throws IOException {
        Path target = dir.resolve(name);
        Files.createDirectories(target.getParent());
        Files.writeString(target, Repo.read(file).replace(INSTALLED_SCRIPT, Repo.path("deploy/host/cacifo-wake").toString()));
        return target;
    }

    /** systemd-analyze verify; it reads drop-ins from beside each unit. */
    private static Processes.Result verify(Path... units) throws IOException {
        List<String> command = new ArrayList<>(List.of("systemd-analyze", "verify"));
        for (Path unit : units) {
            command.add(unit.toString());
        }
        return Processes.run(command, Map.of());
    }

    @Test
    void the_wake_units_pass_systemd_analyze_verify_without_a_warning() throws IOException {
        Prerequisite.require(Processes.onPath("systemd-analyze"), "systemd-analyze is not installed here");

        Processes.Result check = verify(copy(BOOT, "cacifo-wake.service"), copy(CHECK, "cacifo-wake-check.service"),
                copy(TIMER, "cacifo-wake.timer"));

        assertEquals(0, check.exitCode, check.toString());
        assertEquals("", check.output.strip(), "warnings");
    }

    @Test
    void the_boot_wake_waits_long_for_faasd_and_tries_again_without_end_after_a_pause() {
        assertEquals("exec", one(BOOT, "Type"), "a oneshot would hold multi-user.target until every function answers");
        assertEquals(INSTALLED_SCRIPT, one(BOOT, "ExecStart"));
        assertEquals("faasd.service", one(BOOT, "After"));
        assertEquals("faasd.service", one(BOOT, "Wants"));
        assertEquals("on-failure", one(BOOT, "Restart"));
        assertEquals("0", one(BOOT, "StartLimitIntervalSec"), "no start limit: the uplink may be down for hours");
        assertEquals("multi-user.target", one(BOOT, "WantedBy"));
        assertTrue(seconds(one(BOOT, "TimeoutStartSec")) > wakeTimeout(BOOT), "the script gives up before systemd kills it");
    }

    @Test
    void the_timer_runs_a_shorter_check_every_minute_that_ends_before_the_next() {
        assertEquals("minutely", one(TIMER, "OnCalendar"));
        assertEquals("cacifo-wake-check.service", one(TIMER, "Unit"));
        assertTrue(seconds(one(TIMER, "AccuracySec")) <= 5, "accurate to a few seconds");
        assertEquals("timers.target", one(TIMER, "WantedBy"));

        assertEquals("oneshot", one(CHECK, "Type"));
        assertEquals(INSTALLED_SCRIPT, one(CHECK, "ExecStart"));
        assertEquals("faasd.service", one(CHECK, "After"));
        assertTrue(!settings(CHECK).containsKey("Wants"), "a stopped faasd stays stopped: the check does not start it");
        int timeout = wakeTimeout(CHECK);
        assertTrue(timeout < wakeTimeout(BOOT), "shorter than the boot wake");
        // The script may overrun its timeout by a second (WakeScriptTest); the next minute must find it finished.
        assertTrue(timeout + 1 < seconds(one(CHECK, "TimeoutStartSec")) && seconds(one(CHECK, "TimeoutStartSec")) < 60,
                "ends within the minute: " + timeout + " s, TimeoutStartSec=" + one(CHECK, "TimeoutStartSec"));
    }

    @Test
    void the_install_script_puts_each_file_where_the_units_expect_it_and_enables_them() {
        String script = Repo.read(INSTALL);

        assertTrue(script.contains("install -m 0755 deploy/host/cacifo-wake " + INSTALLED_SCRIPT), script);
        for (String unit : List.of(BOOT, CHECK, TIMER)) {
            String name = Path.of(unit).getFileName().toString();
            assertTrue(script.contains("install -m 0644 " + unit + " /etc/systemd/system/" + name), name + " installed");
        }
        assertTrue(script.contains("systemctl daemon-reload"), script);
        assertTrue(script.contains("systemctl enable cacifo-wake.service"), script);
        assertTrue(script.contains("systemctl enable --now cacifo-wake.timer"), script);
    }

    @Test
    void host_mariadb_is_restarted_a_second_after_any_exit_without_a_start_limit() throws IOException {
        assertEquals("always", one(MARIADB_DROP_IN, "Restart"), "Debian's mariadb.service says on-abnormal: a crash that exits non-zero would stay down");
        assertEquals("1s", one(MARIADB_DROP_IN, "RestartSec"));
        assertEquals("0", one(MARIADB_DROP_IN, "StartLimitIntervalSec"));
        assertTrue(Repo.read("deploy/scripts/install-mariadb-host.sh").contains(
                "install -D -m 0644 " + MARIADB_DROP_IN + " /etc/systemd/system/mariadb.service.d/cacifo.conf"));

        Path debian = Path.of("/lib/systemd/system/mariadb.service");
        Prerequisite.require(Processes.onPath("systemd-analyze") && Files.isRegularFile(debian), "Debian's mariadb.service is not installed here");
        Files.copy(debian, dir.resolve("mariadb.service"));
        copy(MARIADB_DROP_IN, "mariadb.service.d/cacifo.conf");
        Processes.Result check = verify(dir.resolve("mariadb.service"));
        assertEquals(0, check.exitCode, check.toString());
        assertEquals("", check.output.strip(), "warnings");
    }
}

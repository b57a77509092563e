package io.cacifo.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.cacifo.bench.ResultsFixture.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest {
    @TempDir
    Path results;

    @Test
    void each_figure_is_shown_for_every_round_with_the_spread_between_them() {
        ResultsFixture fixture = new ResultsFixture(results);
        fixture.run("tuned", 1).warmInserts(10, 4).write();
        fixture.run("tuned", 2).warmInserts(10, 5).write();

        String report = fixture.report();

        assertEquals("| tuned, warm | – | 10 / 10 | 4.0 / 5.0 | 4 / 5 | 4 / 5 | 4 / 5 | 4 / 5 | 0 / 0 | 25 % |",
                row(report, "tuned, warm"));
        assertTrue(report.contains("2 rounds, each configuration on a fresh devstack"), report);
        assertTrue(report.contains("Order: tuned 1 (10:10), tuned 2 (10:20)"), report);
    }

    @Test
    void a_figure_taken_while_others_used_the_machine_is_marked_where_it_is_shown() {
        ResultsFixture fixture = new ResultsFixture(results);
        fixture.run("tuned", 1).warmInserts(10, 4).others(Plans.WARM, 0.05).write();
        fixture.run("tuned", 2).warmInserts(10, 5).others(Plans.WARM, 0.6).write();

        String report = fixture.report();

        assertTrue(row(report, "tuned, warm").contains("| 4.0 / 5.0⚠ |"), report);
        assertEquals("| tuned | 2 | 0.00 | 0.60⚠ |", row(report, "tuned | 2"));
        assertEquals("| tuned | 1 | 0.00 | 0.05 |", row(report, "tuned | 1"));
    }

    @Test
    void a_missing_configuration_or_part_is_named_as_missing() {
        ResultsFixture fixture = new ResultsFixture(results);
        fixture.run("tuned", 1).warmInserts(10, 4).write();

        String report = fixture.report();

        assertTrue(report.contains("Missing: this run has no monolith configuration"), report);
        assertTrue(report.contains("Missing: this run has no emulated arm64 configuration"), report);
        assertTrue(report.contains("### Cold locker\n\nMissing: no configuration of this run measured it."), report);
        assertTrue(report.contains("### The gateway hop\n\nMissing"), report);
        assertTrue(row(report, "mean warm insert, seven functions / monolith").contains("missing: no monolith configuration"), report);
        assertTrue(row(report, "PSS of the seven after load").contains("missing: memory not measured"), report);
        assertTrue(row(report, "validate at 50 threads: tuned req/s as a share of the defaults' in the same round")
                .contains("missing: no defaults configuration in this run"), report);
    }

    @Test
    void a_plan_that_gave_no_results_is_said_with_its_round() {
        ResultsFixture fixture = new ResultsFixture(results);
        ResultsFixture.Run run = fixture.run("tuned", 2).warmInserts(10, 4);
        run.record.plans.put(Plans.LOAD, "JMeter plan load failed (exit 1)");
        run.write();

        assertTrue(fixture.report().contains("**tuned, round 2: load gave no results:** JMeter plan load failed (exit 1)"));
    }

    @Test
    void the_monolith_stands_beside_the_seven_functions_with_the_ratio_of_each_round() {
        ResultsFixture fixture = new ResultsFixture(results);
        fixture.run("tuned", 1).warmInserts(10, 6).memoryAfterLoad(50, 30).write();
        fixture.run("tuned", 2).warmInserts(10, 8).memoryAfterLoad(50, 30).write();
        fixture.run("monolith", JvmConfig.Kind.MONOLITH, 1).warmInserts(10, 5).write();
        fixture.run("monolith", JvmConfig.Kind.MONOLITH, 2).warmInserts(10, 5).write();

        String report = fixture.report();

        assertTrue(report.contains("Mean warm insert, tuned / monolith: 1.20× / 1.60× (goal ≤ 1.3×; the thesis measured 1.54× on a Pi 3)."),
                report);
        assertEquals("| mean warm insert, seven functions / monolith (tuned / monolith) | ≤ 1.3× (thesis 1.54×) | 1.20× | 1.60× "
                + "| met in round 1; round 2 missed by 0.3 × (23 %) | no |", row(report, "mean warm insert, seven functions / monolith (tuned / monolith)"));
        assertTrue(row(report, "tuned (seven JVMs together)").contains("| 90.0 / 90.0 | 60.0 / 60.0 |"), report);
    }

    @Test
    void the_emulated_configuration_gives_start_up_and_memory_but_no_latency() {
        ResultsFixture fixture = new ResultsFixture(results);
        fixture.run("tuned", 1).warmInserts(10, 4).write();
        ResultsFixture.Run arm = fixture.run("arm64", JvmConfig.Kind.EMULATED_ARM64, 1).warmInserts(10, 400).codeFlow(0, 0, 2, 900);
        arm.record.startup.add(new StartupTime("screen-io", "enter → 404", 3000.0, 4200.0));
        arm.record.startupWithoutArchive.add(new StartupTime("screen-io", "enter → 404", 5000.0, 6100.0));
        arm.write();

        String report = fixture.report();

        assertEquals("| screen-io | 4200 | 6100 | – | – | – |", row(report, "screen-io"));
        assertTrue(report.contains("The code-flow plan against them: passed, 4 code entries opened their door, 0 errors."), report);
        assertTrue(!report.contains("arm64, warm"), "no latency row for the emulated configuration:\n" + report);
    }

    @Test
    void the_cold_locker_gives_each_rounds_time_to_the_first_open_door() {
        ResultsFixture fixture = new ResultsFixture(results);
        fixture.run("tuned", 1).coldBoot(2400).write();
        fixture.run("tuned", 2).coldBoot(3200).others(Plans.COLD_LOCKER, 1.0).write();

        String report = fixture.report();

        assertEquals("| **first code entry that opened a door** | 2400 / 3200⚠ |", row(report, "**first code entry that opened a door**"));
        assertEquals("| cold locker: power on → first door opened by a typed code | ≤ 3 s | 2.40 s | 3.20 s ⚠ "
                + "| met in round 1; round 2 missed by 0.2 s (7 %) | round 2 ⚠ |",
                row(report, "cold locker: power on → first door opened by a typed code"));
    }

    @Test
    void results_of_the_older_one_round_layout_read_as_round_one() {
        ResultsFixture fixture = new ResultsFixture(results);
        fixture.run("tuned", 0).warmInserts(10, 4).write();

        assertEquals("| tuned, warm | – | 10 | 4.0 | 4 | 4 | 4 | 4 | 0 | – |", row(fixture.report(), "tuned, warm"));
    }

    @Test
    void failed_code_flow_samples_are_named_even_when_the_plan_ended_well() {
        ResultsFixture fixture = new ResultsFixture(results);
        ResultsFixture.Run run = fixture.run("defaults", 2).codeFlow(2, 30, 0, 12);
        run.failedSamples(Plans.CODE_FLOW, "code-flow.csv", "setup: parcel insert", "409", 6);
        run.write();

        String report = fixture.report();

        assertTrue(report.contains("**defaults, round 2: 6 failed samples in the code-flow run** (6 × setup: parcel insert → 409); "
                + "2 cycles completed, no more than its 2 warm-up cycles, so that round gives no code-flow figures."), report);
    }

    @Test
    void the_code_flows_warm_up_cycles_are_left_out_of_its_figures() {
        ResultsFixture fixture = new ResultsFixture(results);
        fixture.run("tuned", 1).codeFlow(2, 300, 10, 12).write();

        ConfigResults round = ConfigResults.readAll(results).get(0).first();

        assertEquals(20, round.codeEntries().count());
        assertEquals(12, round.codeEntries().max());
        assertEquals(10, round.cycles().count());
    }
}

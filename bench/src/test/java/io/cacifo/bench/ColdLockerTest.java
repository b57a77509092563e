package io.cacifo.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the cold locker keeps: how the entries went, and its figures surviving run.json. */
class ColdLockerTest {
    @Test
    void the_entries_before_the_door_opened_are_counted_by_reply_in_the_order_first_seen() {
        ColdLocker.Entries entries = new ColdLocker.Entries();
        entries.count("no gateway");
        entries.count("500");
        entries.count("no gateway");
        entries.count("503 starting");
        entries.count("200");
        entries.openedAfterMs = 2100;

        assertEquals("code entries every 20 ms until a door opened: no gateway ×2, 500 ×1, 503 starting ×1, 200 ×1",
                entries.describe());
    }

    @Test
    void entries_that_never_opened_a_door_say_so() {
        ColdLocker.Entries entries = new ColdLocker.Entries();
        entries.count("500");

        assertEquals("code entries every 20 ms until a door opened: 500 ×1; no door opened within 60000 ms",
                entries.describe());
    }

    @Test
    void the_cold_boot_is_kept_in_run_json(@TempDir Path dir) {
        RunRecord record = new RunRecord();
        record.coldBoot = new ColdBoot();
        record.coldBoot.firstOpenDoorMillis = 2345;
        record.coldBoot.readyMillis.put("screen-io", 1200L);
        record.coldBoot.startedMillis.put("screen-io", 310L);
        record.coldBoot.wakeMillis = 2900;
        record.coldBoot.note = "code entries every 20 ms until a door opened: 200 ×1";
        record.write(dir);

        ColdBoot read = RunRecord.read(dir).coldBoot;

        assertEquals(2345, read.firstOpenDoorMillis);
        assertEquals(1200L, read.readyMillis.get("screen-io"));
        assertEquals(310L, read.startedMillis.get("screen-io"));
        assertEquals(2900, read.wakeMillis);
        assertEquals(record.coldBoot.note, read.note);
    }
}

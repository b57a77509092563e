package io.cacifo.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JtlTest {
    private static final String HEADER = "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,"
            + "failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect\n";

    @Test
    void samples_are_read_even_when_a_failure_message_spans_lines_and_holds_quotes_and_commas() {
        String csv = HEADER
                + "1795708238569,54,user insert: first call,401,Unauthorized,\"one user, one insert 1-1\",text,false,"
                + "\"Test failed: code expected to equal /\n\n****** received  : [[[4]]]01\n\"\"quoted\"\", too\",191,0,1,1,"
                + "http://127.0.0.1:1/function/user-manager?action=insert,54,0,1\n"
                + "1795708238700,3,user insert,201,Created,\"one user, one insert 1-1\",text,true,,250,900,1,1,"
                + "http://127.0.0.1:1/function/user-manager?action=insert,3,0,0\n";

        List<Sample> samples = Jtl.parse(csv).samples();

        assertEquals(2, samples.size());
        assertEquals("user insert: first call", samples.get(0).label());
        assertEquals("401", samples.get(0).responseCode());
        assertFalse(samples.get(0).success());
        assertEquals(54, samples.get(0).elapsedMs());
        assertEquals("user insert", samples.get(1).label());
        assertTrue(samples.get(1).success());
        assertEquals(1795708238703L, samples.get(1).endMs());
    }

    @Test
    void a_file_without_a_needed_column_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> Jtl.parse("timeStamp,label\n1,x\n"));
    }

    @Test
    void a_plan_that_did_not_run_reads_as_no_samples(@TempDir Path dir) {
        assertTrue(Jtl.read(dir.resolve("missing.csv")).samples().isEmpty());
    }

    @Test
    void samples_are_picked_by_label() {
        Jtl jtl = Jtl.parse(HEADER + "1,2,a,200,OK,t,text,true,,1,1,1,1,u,1,0,0\n3,4,b,200,OK,t,text,true,,1,1,1,1,u,1,0,0\n");

        assertEquals(1, jtl.labelled("b").size());
        assertEquals(4, jtl.labelled("b").get(0).elapsedMs());
    }
}

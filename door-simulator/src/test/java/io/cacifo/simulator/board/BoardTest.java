package io.cacifo.simulator.board;

import io.cacifo.kit.http.ApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The board model on its own, without HTTP. */
class BoardTest {
    private final Board board = new Board(DoorLayout.parse("1:SMALL,2:LARGE"), 0);

    @AfterEach
    void stop() {
        board.shutdown();
    }

    @Test
    void every_door_starts_closed_and_empty() {
        for (DoorView view : board.views()) {
            assertFalse(view.open(), "door " + view.door());
            assertFalse(view.occupied(), "door " + view.door());
        }
        assertEquals(DoorSize.LARGE, board.view(2).size());
    }

    @Test
    void one_close_completes_every_pending_wait_and_a_later_wait_answers_at_once() throws Exception {
        board.open(1);
        List<CompletableFuture<Boolean>> waits = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            waits.add(board.whenClosed(1, 60_000));
        }
        assertTrue(waits.stream().noneMatch(CompletableFuture::isDone));

        board.close(1);

        for (CompletableFuture<Boolean> wait : waits) {
            assertTrue(wait.get(5, TimeUnit.SECONDS));
        }
        assertTrue(board.whenClosed(1, 60_000).isDone(), "a wait on a closed door must not wait");
    }

    @Test
    void a_wait_that_times_out_leaves_other_waits_on_the_same_opening_pending() throws Exception {
        board.open(2);
        CompletableFuture<Boolean> shortWait = board.whenClosed(2, 50);
        CompletableFuture<Boolean> longWait = board.whenClosed(2, 60_000);

        assertFalse(shortWait.get(5, TimeUnit.SECONDS));
        assertFalse(longWait.isDone());
        board.close(2);
        assertTrue(longWait.get(5, TimeUnit.SECONDS));
    }

    @Test
    void a_parcel_change_on_a_closed_door_is_a_conflict_and_changes_nothing() {
        ApiException failure = assertThrows(ApiException.class, () -> board.setOccupied(1, true));

        assertEquals(409, failure.status());
        assertEquals("door_closed", failure.error());
        assertFalse(board.view(1).occupied());
    }

    @Test
    void an_unknown_door_is_not_found() {
        ApiException failure = assertThrows(ApiException.class, () -> board.open(3));

        assertEquals(404, failure.status());
        assertEquals("not_found", failure.error());
    }

    @Test
    void auto_close_closes_only_the_opening_it_was_set_for() {
        SettableTimer timer = new SettableTimer();
        Board timed = new Board(DoorLayout.parse("1:SMALL"), 400, Set.of(), timer);
        try {
            timed.open(1);
            timed.close(1);
            timer.advance(200);
            timed.open(1);

            timer.advance(200);
            assertTrue(timed.view(1).open(), "the first opening's timer, due and run, closed the second opening");
            timer.advance(199);
            assertTrue(timed.view(1).open(), "the second opening closed before its own delay");

            timer.advance(1);
            assertFalse(timed.view(1).open(), "the second opening's own timer, due and run, left it open");
        } finally {
            timed.shutdown();
        }
    }
}

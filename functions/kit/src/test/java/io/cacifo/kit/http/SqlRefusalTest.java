package io.cacifo.kit.http;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SqlRefusalTest {
    private static final SQLException DUPLICATE = new SQLIntegrityConstraintViolationException("Duplicate entry '4'", "23000", 1062);
    private static final SQLException STILL_REFERENCED = new SQLIntegrityConstraintViolationException("Cannot delete", "23000", 1451);

    @Test
    void a_refusal_the_action_explains_keeps_the_kits_status_and_error_with_the_actions_words() {
        ApiException refused = assertThrows(ApiException.class, () -> SqlRefusal.explaining(
                Map.of(SqlRefusal.DUPLICATE, "door 4 exists already"), () -> {
                    throw DUPLICATE;
                }));

        assertEquals(409, refused.status());
        assertEquals("duplicate", refused.error());
        assertEquals("door 4 exists already", refused.getMessage());
    }

    @Test
    void a_refusal_the_action_does_not_explain_goes_on_to_the_error_map_unchanged() {
        SQLException thrown = assertThrows(SQLException.class, () -> SqlRefusal.explaining(
                Map.of(SqlRefusal.DUPLICATE, "door 4 exists already"), () -> {
                    throw STILL_REFERENCED;
                }));

        assertSame(STILL_REFERENCED, thrown);
        ApiException answer = Replies.failure(thrown, "test", "delete");
        assertEquals(409, answer.status());
        assertEquals("in_use", answer.error());
        assertEquals("the record is still referenced by others", answer.getMessage());
    }

    @Test
    void a_statement_the_database_takes_returns_its_value() throws SQLException {
        assertEquals(7L, SqlRefusal.explaining(Map.of(SqlRefusal.DUPLICATE, "taken"), () -> 7L));
    }
}

package io.cacifo.kit.http;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HeadersTest {
    @Test
    void a_header_is_found_whatever_case_the_server_gave_its_name() {
        Map<String, List<String>> reply = Map.of("x-cacifo-signature", List.of("ab"), "Content-type", List.of("text/plain"));

        assertEquals(Optional.of(List.of("ab")), Headers.find(reply, "X-Cacifo-Signature"));
        assertEquals(Optional.of(List.of("text/plain")), Headers.find(reply, "Content-Type"));
        assertEquals(Optional.empty(), Headers.find(reply, "X-Cacifo-Nonce"));
    }

    @Test
    void the_name_as_written_wins_over_a_clients_other_spelling() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-http-method", "POST");
        headers.put(ActionRouter.METHOD_HEADER, "GET");

        assertEquals(Optional.of("GET"), Headers.find(headers, ActionRouter.METHOD_HEADER));
    }
}

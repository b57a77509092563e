package io.cacifo.kit.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Another function's failure reply read for its error and message, whatever shape it came in. */
class GatewayReplyTest {
    @ParameterizedTest(name = "{0} {1} -> {2} / {3}")
    @CsvSource(delimiter = '|', value = {
            "409 | {\"error\":\"door_busy\",\"message\":\"door 4 is open\"} | door_busy | door 4 is open",
            "404 | {\"error\":\"invalid_code\"}                            | invalid_code | fallback",
            "400 | {\"error\":\"invalid_code\",\"message\":\"  \"}         | invalid_code | fallback",
            "500 | {\"error\":7,\"message\":[\"x\"]}                       | http_500 | fallback",
            "502 | Bad Gateway                                            | http_502 | fallback",
            "503 |                                                        | http_503 | fallback",
    })
    void a_failure_s_error_and_message_are_read_when_they_can_be_and_otherwise_fall_back(int status, String body,
            String error, String message) {
        GatewayReply reply = new GatewayReply(status, body);

        assertEquals(error, reply.error());
        assertEquals(message, reply.message("fallback"));
    }
}

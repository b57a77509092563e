package io.cacifo.kit.http;

import com.openfaas.model.IResponse;
import com.openfaas.model.Response;
import io.cacifo.kit.db.SqlErrors;
import io.cacifo.kit.json.Json;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one way a function answers: JSON with a status and a content type, and every failure mapped
 * to a status, an {@code error} and a {@code message}. Caller mistakes are 4xx; our faults are 5xx
 * with the cause in the log only.
 */
public final class Replies {
    private static final Logger LOG = Logger.getLogger(Replies.class.getName());
    public static final String JSON = "application/json; charset=utf-8";

    private Replies() {
    }

    public static IResponse json(int status, Object body) {
        Response response = new Response();
        response.setStatusCode(status);
        response.setContentType(JSON);
        response.setBody(Json.write(body));
        return response;
    }

    public static IResponse of(Reply reply) {
        return json(reply.status(), reply.body());
    }

    /** The kit's failure reply, {@code {"error","message"}}; a router may answer failures another way ({@link FailureReply}). */
    public static Reply error(int status, String error, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        return Reply.of(status, body);
    }

    /**
     * What any failure means to the caller: {@link ApiException} as it says; a refusal of the
     * database as {@link SqlRefusal} maps it (409 or 400); a failure worth trying again later
     * ({@link SqlErrors#isTransient}) 503, {@code db_unavailable} when the database is unreachable and
     * {@code db_busy} otherwise; anything else 500. 5xx causes are logged with {@code tag} and
     * {@code resource}; the answer never carries them.
     */
    public static ApiException failure(Throwable failure, String tag, String resource) {
        String where = "[" + tag + "] " + resource;
        if (failure instanceof ApiException) {
            ApiException api = (ApiException) failure;
            if (api.status() >= 500) {
                LOG.warning(where + ": " + api.error() + ": " + api.getMessage());
            }
            return api;
        }
        SQLException sql = SqlErrors.find(failure).orElse(null);
        if (sql != null) {
            Optional<SqlRefusal> refusal = SqlRefusal.of(sql);
            if (refusal.isPresent()) {
                return refusal.get().answer();
            }
            if (SqlErrors.isTransient(sql)) {
                if (SqlErrors.isConnectionFailure(sql)) {
                    LOG.log(Level.WARNING, where + ": database unreachable", failure);
                    return ApiException.unavailable("db_unavailable", "the locker is temporarily unavailable");
                }
                // A lock wait or a deadlock: the same call can succeed a moment later.
                LOG.log(Level.WARNING, where + ": transaction gave way", failure);
                return ApiException.unavailable("db_busy", "the locker is busy; try again");
            }
        }
        LOG.log(Level.SEVERE, where + ": failed", failure);
        return new ApiException(500, "internal", "the function failed; see its log");
    }
}

package io.cacifo.kit.http;

import com.openfaas.model.IResponse;
import com.openfaas.model.Response;
import io.cacifo.kit.db.SqlErrors;
import io.cacifo.kit.json.Json;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one way a function answers: JSON with a status and a content type, and every failure mapped
 * to {@code {"error","message"}} with the right status. Caller mistakes are 4xx; our faults are 5xx
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

    public static IResponse error(int status, String error, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        return json(status, body);
    }

    /**
     * Maps any failure to a reply: {@link ApiException} as it says; the database unreachable to 503;
     * a duplicate or a row still referenced to 409; a reference to a missing row or a violated CHECK to
     * 400; anything else to 500. 5xx causes are logged with {@code tag} and {@code resource}.
     */
    public static IResponse failure(Throwable failure, String tag, String resource) {
        if (failure instanceof ApiException) {
            ApiException api = (ApiException) failure;
            if (api.status() >= 500) {
                LOG.warning("[" + tag + "] " + resource + ": " + api.error() + ": " + api.getMessage());
            }
            return error(api.status(), api.error(), api.getMessage());
        }
        SQLException sql = SqlErrors.find(failure).orElse(null);
        if (sql != null) {
            if (SqlErrors.isConnectionFailure(sql)) {
                LOG.log(Level.WARNING, "[" + tag + "] " + resource + ": database unreachable", failure);
                return error(503, "db_unavailable", "the locker is temporarily unavailable");
            }
            if (SqlErrors.isDuplicateKey(sql)) {
                return error(409, "duplicate", "a record with the same unique value exists");
            }
            if (SqlErrors.isRowReferenced(sql)) {
                return error(409, "in_use", "the record is still referenced by others");
            }
            if (SqlErrors.isMissingReference(sql)) {
                return error(400, "unknown_reference", "a referenced record does not exist");
            }
            if (sql.getErrorCode() == SqlErrors.CHECK_FAILED) {
                return error(400, "invalid_field", "a value is outside what the locker accepts");
            }
            if (SqlErrors.isTransient(sql)) {
                // A lock wait or a deadlock: the same call can succeed a moment later.
                LOG.log(Level.WARNING, "[" + tag + "] " + resource + ": transaction gave way", failure);
                return error(503, "db_busy", "the locker is busy; try again");
            }
        }
        LOG.log(Level.SEVERE, "[" + tag + "] " + resource + ": failed", failure);
        return error(500, "internal", "the function failed; see its log");
    }
}

package io.cacifo.reservations;

import com.google.gson.JsonObject;
import io.cacifo.kit.Services;
import io.cacifo.kit.http.ActionRouter;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.http.Call;
import io.cacifo.kit.http.Reply;
import io.cacifo.kit.json.Body;

import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** reservation-manager's actions: each reads its fields, calls {@link Reservations} or {@link ParcelCodes}, and replies. */
public final class ReservationActions {
    private static final Pattern EXTERNAL_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /** Door ids are lock-board numbers (doors.id CHECK in db/schema.sql). */
    static final int MAX_DOOR_ID = 9999;
    /** Longer than any code the hasher accepts, so a too-long code gets the code's own error. */
    private static final int MAX_CODE_TEXT = 64;
    static final String CODES_ENVELOPE = "codes_envelope";

    private final Reservations reservations;
    private final ParcelCodes codes;
    private final SealedCodes sealed;
    private final ParcelDeadlines deadlines;

    ReservationActions(Reservations reservations, ParcelCodes codes, SealedCodes sealed, ParcelDeadlines deadlines) {
        this.reservations = reservations;
        this.codes = codes;
        this.sealed = sealed;
        this.deadlines = deadlines;
    }

    public static ActionRouter router(Services services) {
        ParcelDeadlines deadlines = new ParcelDeadlines(services.db(),
                ReservationSettings.pickupWindow(services.config()), ReservationSettings.reminderBefore(services.config()));
        ReservationActions actions = new ReservationActions(
                new Reservations(services.db(), services.codeHasher(), deadlines),
                new ParcelCodes(services.db(), services.codeHasher(),
                        ReservationSettings.codeGrace(services.config()), deadlines),
                new SealedCodes(services.lockerPrivateKey()), deadlines);
        SupportMarks support = new SupportMarks(services.db());
        // docs/api.md "Who may call what": only the back-end creates, changes or deletes parcels;
        // the controller validates, disables and completes codes, and either may read.
        return ActionRouter.builder(services.functionName())
                .internal(services.verifier())
                .backend(services.backendVerifier())
                .records(actions::insert, actions::update, actions::delete, actions::get, actions::list)
                .internalOrBackend("validate", actions::validate)
                .internalOrBackend("disable", actions::disable)
                // Uses a code without the code: only the locker's controller, for a door it journaled.
                .internalOnly("complete", actions::complete)
                .internalOnly("move", new DoorMoves(services.db())::move)
                // The controller's timed sweep of pick-up deadlines (reminders, expiry); it takes no body.
                .internalOnly("deadlines", actions::deadlines)
                // The back-end's remote opening, through the controller's support_open only.
                .internalOnly("behind_door", support::behindDoor).internalOnly("support_mark", support::mark)
                .build();
    }

    Reply insert(Call call) throws SQLException {
        Body body = call.body();
        String externalId = body.text("external_id", 64);
        if (!EXTERNAL_ID.matcher(externalId).matches()) {
            throw ApiException.badRequest("invalid_field", "'external_id' may hold letters, digits and . _ : - only");
        }
        int doorId = (int) body.integer("door_id", 1, MAX_DOOR_ID);
        long userId = body.optionalId("user_id").orElse(Reservations.SYSTEM_USER_ID);
        Instant expiresAt = expiresAt(body).orElse(null);
        for (CodeKind kind : CodeKind.values()) {
            // A code in clear has crossed the network readable; refuse it so the sender notices.
            if (body.has(CodePolicy.fieldOf(kind))) {
                throw ApiException.badRequest("invalid_field", "'" + CodePolicy.fieldOf(kind)
                        + "' is not accepted in clear: codes travel only sealed in 'codes_envelope'");
            }
        }
        JsonObject envelope = body.optionalObject(CODES_ENVELOPE).orElseThrow(() ->
                ApiException.badRequest("missing_field", "'" + CODES_ENVELOPE + "' is required"));
        Map<CodeKind, String> codes = sealed.open(envelope, externalId);
        return Reply.created(reservations.insert(new NewReservation(externalId, doorId, userId, expiresAt, codes)));
    }

    Reply update(Call call) throws SQLException {
        Body body = call.body();
        long id = body.id("id");
        Optional<Long> doorId = body.optionalInteger("door_id", 1, MAX_DOOR_ID);
        ReservationChange change = new ReservationChange(id, expiresAt(body).orElse(null),
                body.optionalId("user_id").orElse(null), doorId.map(Long::intValue).orElse(null),
                body.optionalChoice("status", ReservationStatus.class).orElse(null));
        return Reply.ok(reservations.update(change));
    }

    Reply delete(Call call) throws SQLException {
        long id = call.body().id("id");
        reservations.delete(id);
        return Reply.ok(Map.of("deleted", id));
    }

    Reply get(Call call) throws SQLException {
        return Reply.ok(reservations.get(call.body().id("id")));
    }

    Reply list(Call call) throws SQLException {
        Body body = call.body();
        ReservationStatus status = body.optionalChoice("status", ReservationStatus.class).orElse(null);
        Integer doorId = body.optionalInteger("door_id", 1, MAX_DOOR_ID).map(Long::intValue).orElse(null);
        long after = body.optionalInteger("after_id", 0, Body.MAX_ID).orElse(0L);
        int limit = body.optionalInteger("limit", 1, 500).orElse(100L).intValue();
        return Reply.ok(Map.of("reservations", reservations.list(status, doorId, after, limit)));
    }

    Reply validate(Call call) throws SQLException {
        String code = call.body().text("code", MAX_CODE_TEXT);
        return okUnlessRefused(() -> codes.validate(code));
    }

    Reply disable(Call call) throws SQLException {
        String code = call.body().text("code", MAX_CODE_TEXT);
        return okUnlessRefused(() -> codes.disable(code));
    }

    /** What a code step answers: 200 with its result, or 409 {"error","message","kind"} for a {@link CodeRefusal}. */
    private static Reply okUnlessRefused(CodeStep step) throws SQLException {
        try {
            return Reply.ok(step.run());
        } catch (CodeRefusal refused) {
            return Reply.of(409, refused.body());
        }
    }

    private interface CodeStep {
        Object run() throws SQLException;
    }

    Reply deadlines(Call call) throws SQLException {
        ParcelDeadlines.Swept swept = deadlines.sweep();
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("reminded", swept.reminded);
        reply.put("expired", swept.expired);
        return Reply.ok(reply);
    }

    Reply complete(Call call) throws SQLException {
        Body body = call.body();
        long reservationId = body.id("reservation_id");
        CodeKind kind = body.choice("kind", CodeKind.class);
        long operationId = body.id("operation_id");
        return Reply.ok(codes.complete(reservationId, kind, operationId, body.flag("reconciled", false)));
    }

    /** An ISO-8601 time with an offset ("2026-11-26T15:04:05.123Z"), kept to the millisecond the column holds. */
    static Optional<Instant> expiresAt(Body body) {
        return body.optionalText("expires_at", 40).map(text -> {
            OffsetDateTime time;
            try {
                time = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("invalid_field", "'expires_at' must be an ISO-8601 time such as 2026-11-26T15:04:05Z");
            }
            Instant instant = time.toInstant().truncatedTo(ChronoUnit.MILLIS);
            // DATETIME holds years 1000-9999; anything before the epoch is a mistake, not a parcel.
            if (instant.isBefore(Instant.EPOCH) || instant.isAfter(Instant.parse("9999-12-31T23:59:59.999Z"))) {
                throw ApiException.badRequest("invalid_field", "'expires_at' is out of range");
            }
            return instant;
        });
    }
}

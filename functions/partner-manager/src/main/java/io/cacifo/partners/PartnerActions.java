package io.cacifo.partners;

import io.cacifo.kit.Services;
import io.cacifo.kit.http.ActionRouter;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.http.Call;
import io.cacifo.kit.http.Reply;
import io.cacifo.kit.http.SqlRefusal;
import io.cacifo.kit.json.Body;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** partner-manager's actions: each reads its fields, calls {@link PartnerDao} and says what happened. */
public final class PartnerActions {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}");
    private static final Map<SqlRefusal, String> DUPLICATE_NAME = Map.of(SqlRefusal.DUPLICATE, "a partner with that name exists");

    private final PartnerDao partners;

    PartnerActions(PartnerDao partners) {
        this.partners = partners;
    }

    public static ActionRouter router(Services services) {
        PartnerActions actions = new PartnerActions(new PartnerDao(services.db()));
        // docs/api.md "Who may call what": only the back-end changes partners; reads are open to both.
        return ActionRouter.builder(services.functionName())
                .internal(services.verifier())
                .backend(services.backendVerifier())
                .records(actions::insert, actions::update, actions::delete, actions::get, actions::list)
                .build();
    }

    Reply insert(Call call) throws SQLException {
        Body body = call.body();
        String name = body.text("name", 128);
        String contactEmail = contactEmail(body).orElse(null);
        long id = SqlRefusal.explaining(DUPLICATE_NAME, () -> partners.insert(name, contactEmail));
        return Reply.created(found(id));
    }

    Reply update(Call call) throws SQLException {
        Body body = call.body();
        long id = body.id("id");
        Optional<String> name = body.optionalText("name", 128);
        Optional<String> contactEmail = contactEmail(body);
        if (name.isEmpty() && contactEmail.isEmpty()) {
            throw ApiException.badRequest("nothing_to_update", "give at least one of name, contact_email");
        }
        boolean updated = SqlRefusal.explaining(DUPLICATE_NAME,
                () -> partners.update(id, name.orElse(null), contactEmail.orElse(null)));
        if (!updated) {
            throw ApiException.notFound("no partner " + id);
        }
        return Reply.ok(found(id));
    }

    Reply delete(Call call) throws SQLException {
        long id = call.body().id("id");
        // The foreign key decides, not a count read before: no door can sneak in between.
        boolean deleted = SqlRefusal.explaining(Map.of(SqlRefusal.IN_USE,
                "partner " + id + " still owns doors; move or delete them first"), () -> partners.delete(id));
        if (!deleted) {
            throw ApiException.notFound("no partner " + id);
        }
        return Reply.ok(Map.of("deleted", id));
    }

    Reply get(Call call) throws SQLException {
        return Reply.ok(found(call.body().id("id")));
    }

    Reply list(Call call) throws SQLException {
        Body body = call.body();
        long after = body.optionalInteger("after_id", 0, Body.MAX_ID).orElse(0L);
        int limit = body.optionalInteger("limit", 1, 500).orElse(100L).intValue();
        List<Partner> page = partners.list(after, limit);
        return Reply.ok(Map.of("partners", page));
    }

    private Partner found(long id) throws SQLException {
        return partners.findById(id).orElseThrow(() -> ApiException.notFound("no partner " + id));
    }

    private static Optional<String> contactEmail(Body body) {
        Optional<String> email = body.optionalText("contact_email", 254);
        if (email.isPresent() && !EMAIL.matcher(email.get()).matches()) {
            throw ApiException.badRequest("invalid_field", "'contact_email' is not an e-mail address");
        }
        return email;
    }
}

package io.cacifo.users;

import io.cacifo.kit.Services;
import io.cacifo.kit.http.ActionRouter;
import io.cacifo.kit.http.ApiException;
import io.cacifo.kit.http.Call;
import io.cacifo.kit.http.Reply;
import io.cacifo.kit.json.Body;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** user-manager's actions: each reads its fields, calls {@link UserDao} and says what happened. */
public final class UserActions {
    /** The built-in system user (db/schema.sql) owns back-end parcels; it cannot be changed or removed. */
    static final long SYSTEM_USER_ID = 1;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}");

    private final UserDao users;

    UserActions(UserDao users) {
        this.users = users;
    }

    public static ActionRouter router(Services services) {
        UserActions actions = new UserActions(new UserDao(services.db()));
        // docs/api.md "Who may call what": only the back-end changes users; reads are open to both.
        return ActionRouter.builder(services.functionName())
                .internal(services.verifier())
                .backend(services.backendVerifier())
                .records(actions::insert, actions::update, actions::delete, actions::get, actions::list)
                .build();
    }

    Reply insert(Call call) throws SQLException {
        Body body = call.body();
        String username = username(body).orElseThrow(() -> ApiException.badRequest("missing_field", "'username' is required"));
        Role role = role(body).orElse(Role.CUSTOMER);
        long id = users.insert(username, body.optionalText("full_name", 128).orElse(null), email(body).orElse(null), role);
        return Reply.created(found(id));
    }

    Reply update(Call call) throws SQLException {
        Body body = call.body();
        long id = body.id("id");
        Optional<String> username = username(body);
        Optional<String> fullName = body.optionalText("full_name", 128);
        Optional<String> email = email(body);
        Optional<Role> role = role(body);
        if (username.isEmpty() && fullName.isEmpty() && email.isEmpty() && role.isEmpty()) {
            throw ApiException.badRequest("nothing_to_update", "give at least one of username, full_name, email, role");
        }
        protectSystemUser(id);
        if (!users.update(id, username.orElse(null), fullName.orElse(null), email.orElse(null), role.orElse(null))) {
            throw ApiException.notFound("no user " + id);
        }
        return Reply.ok(found(id));
    }

    Reply delete(Call call) throws SQLException {
        long id = call.body().id("id");
        protectSystemUser(id);
        if (!users.delete(id)) {
            throw ApiException.notFound("no user " + id);
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
        List<User> page = users.list(after, limit);
        return Reply.ok(Map.of("users", page));
    }

    private User found(long id) throws SQLException {
        return users.findById(id).orElseThrow(() -> ApiException.notFound("no user " + id));
    }

    private static void protectSystemUser(long id) {
        if (id == SYSTEM_USER_ID) {
            throw ApiException.conflict("protected", "the system user cannot be changed or deleted");
        }
    }

    private static Optional<String> username(Body body) {
        Optional<String> username = body.optionalText("username", 64);
        if (username.isPresent() && !USERNAME.matcher(username.get()).matches()) {
            throw ApiException.badRequest("invalid_field", "'username' may hold letters, digits and . _ @ - only");
        }
        return username;
    }

    private static Optional<String> email(Body body) {
        Optional<String> email = body.optionalText("email", 254);
        if (email.isPresent() && !EMAIL.matcher(email.get()).matches()) {
            throw ApiException.badRequest("invalid_field", "'email' is not an e-mail address");
        }
        return email;
    }

    private static Optional<Role> role(Body body) {
        Optional<Role> role = body.optionalChoice("role", Role.class);
        if (role.isPresent() && role.get() == Role.SYSTEM) {
            throw ApiException.badRequest("invalid_field", "'role' SYSTEM is reserved for the built-in user");
        }
        return role;
    }
}

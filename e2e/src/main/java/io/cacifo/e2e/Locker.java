package io.cacifo.e2e;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cacifo.backend.LockerClient;
import io.cacifo.backend.ClearCodes;
import io.cacifo.devstack.DevStack;
import io.cacifo.devstack.backend.ReceivedEvent;
import io.cacifo.kit.http.GatewayReply;
import io.cacifo.kit.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * A running devstack seen the way people and the back-end see it: a screen to type codes on, doors
 * to close, parcels the back-end creates. Used by the end-to-end tests and the workflow timings.
 */
public final class Locker {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final DevStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> issuedCodes = new ArrayList<>();

    public Locker(DevStack stack) {
        this.stack = stack;
    }

    public DevStack stack() {
        return stack;
    }

    /** What the screen answered to a typed code. */
    public static final class Screen {
        public final int status;
        public final JsonObject body;

        Screen(int status, JsonObject body) {
            this.status = status;
            this.body = body;
        }

        public String display() {
            return body.has("display") ? body.get("display").getAsString() : "";
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** A parcel the back-end created, with the codes it sent. */
    public static final class Parcel {
        public final long id;
        public final String externalId;
        public final int door;
        public final String deposit;
        public final String pickup;
        public final String backup;

        Parcel(long id, String externalId, int door, String deposit, String pickup, String backup) {
            this.id = id;
            this.externalId = externalId;
            this.door = door;
            this.deposit = deposit;
            this.pickup = pickup;
            this.backup = backup;
        }
    }

    /**
     * Types {@code code} on the screen named {@code screen}: an unsigned POST to screen-io, as the
     * touchscreen sends it. The locker has the screens {@code main} and {@code simulator} (screen-io's
     * {@code screen_ids}); any other is refused with 400.
     */
    public Screen enter(String code, String screen) {
        return enter(Map.of("code", code, "screen_id", screen));
    }

    /** As {@link #enter(String, String)} on a screen that speaks {@code lang} ({@code pt}, the default, or {@code en}). */
    public Screen enter(String code, String screen, String lang) {
        return enter(Map.of("code", code, "screen_id", screen, "lang", lang));
    }

    private Screen enter(Map<String, String> body) {
        HttpResponse<String> reply = post(stack.gatewayUrl().resolve("/function/screen-io?action=enter"), Json.write(body));
        return new Screen(reply.statusCode(), Json.parse(reply.body()).getAsJsonObject());
    }

    /** The doors no demo parcel uses, in the layout's order: tests give each of their parcels one of these. */
    public List<Integer> spareDoors() {
        List<Integer> spare = new ArrayList<>(stack.doorLayout().doors());
        stack.demoParcels().forEach(demo -> spare.remove(Integer.valueOf(demo.door())));
        return spare;
    }

    /** The events the back-end stand-in received about parcel {@code externalId} (its payload's external_id), in order. */
    public List<ReceivedEvent> events(String externalId) {
        return stack.backend().events().stream().filter(event -> {
            JsonElement payload = event.json().get("payload");
            JsonElement named = payload != null && payload.isJsonObject() ? payload.getAsJsonObject().get("external_id") : null;
            return named != null && named.isJsonPrimitive() && externalId.equals(named.getAsString());
        }).collect(Collectors.toList());
    }

    /** The types of {@link #events(String)}. */
    public List<String> eventTypes(String externalId) {
        return events(externalId).stream().map(ReceivedEvent::type).collect(Collectors.toList());
    }

    /** A person closes the door, as on the simulator's page (the board API itself obeys only door-io). */
    public void closeDoor(int door) {
        HttpResponse<String> reply = post(stack.simulatorUrl().resolve("/ui/doors/" + door + "/close"), "{}");
        if (reply.statusCode() != 200) {
            throw new IllegalStateException("closing door " + door + ": " + reply.statusCode() + " " + reply.body());
        }
    }

    /** Whether the door stands open, as the simulator's page shows it. */
    public boolean doorOpen(int door) {
        HttpResponse<String> reply = get(stack.simulatorUrl().resolve("/ui/state"));
        for (JsonElement shown : Json.parse(reply.body()).getAsJsonObject().getAsJsonArray("doors")) {
            JsonObject each = shown.getAsJsonObject();
            if (each.get("id").getAsInt() == door) {
                return each.get("open").getAsBoolean();
            }
        }
        throw new IllegalStateException("the simulator has no door " + door + ": " + reply.body());
    }

    /**
     * Creates a parcel on {@code door} as the back-end does: fresh random 10-digit codes, sealed for
     * this locker and sent signed with the back-end's key ({@link DevStack#lockerClient()}).
     */
    public Parcel newParcel(int door) {
        return newParcel(door, stack.lockerClient());
    }

    /** {@link #newParcel(int)}, signed by {@code backend}: the back-end with another key (a rotation). */
    public Parcel newParcel(int door, LockerClient backend) {
        ClearCodes codes = ClearCodes.random();
        String externalId = "e2e-" + Long.toHexString(RANDOM.nextLong());
        GatewayReply reply = backend.createParcel(externalId, door, null, null, codes);
        if (reply.status() != 201) {
            throw new IllegalStateException("creating a parcel on door " + door + ": " + reply.status() + " " + reply.body());
        }
        synchronized (issuedCodes) {
            issuedCodes.addAll(List.of(codes.deposit(), codes.pickup(), codes.backup()));
        }
        return new Parcel(reply.json().get("id").getAsLong(), externalId, door, codes.deposit(), codes.pickup(), codes.backup());
    }

    /**
     * Creates or replaces a secret as {@code faas-cli secret create NAME --from-file FILE} does: a PUT of
     * {@code {"name", "rawValue"}} (the file's bytes, base64) to the gateway's {@code /system/secrets},
     * with the gateway's admin login.
     */
    public void putSecret(String name, String value) {
        String login = "admin:" + readSecret("basic-auth-password");
        HttpRequest request = HttpRequest.newBuilder(stack.gatewayUrl().resolve("/system/secrets"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("name", name,
                        "rawValue", Base64.getEncoder().encodeToString((value + "\n").getBytes(StandardCharsets.UTF_8))))))
                .build();
        HttpResponse<String> reply = send(request);
        if (reply.statusCode() != 200) {
            throw new IllegalStateException("writing secret " + name + ": " + reply.statusCode() + " " + reply.body());
        }
    }

    /** A secret's value as the devstack holds it (its own copy, the one faas-cli would have been given). */
    public String readSecret(String name) {
        try {
            return Files.readString(stack.secretsDir().resolve(name), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("reading secret " + name, e);
        }
    }

    /** Every code of every parcel {@link #newParcel} made, for checking they show up nowhere they should not. */
    public List<String> issuedCodes() {
        synchronized (issuedCodes) {
            return List.copyOf(issuedCodes);
        }
    }

    /**
     * Every row of every table of the locker's database, in key order, as text (read as the
     * administrator): compare two dumps to prove nothing changed, or search one for what must not be there.
     */
    public String dump() throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection connection = stack.mariaDb().connect("cacifo"); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SHOW TABLES")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            Collections.sort(tables);
            for (String table : tables) {
                out.append("== ").append(table).append('\n');
                try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
                    ResultSetMetaData meta = rows.getMetaData();
                    while (rows.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            out.append(meta.getColumnName(i)).append('=').append(rows.getString(i)).append(' ');
                        }
                        out.append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    public JsonObject reservation(long id) {
        GatewayReply reply = stack.gatewayClient().call("reservation-manager", "get", Map.of("id", id));
        if (reply.status() != 200) {
            throw new IllegalStateException("reading parcel " + id + ": " + reply.status() + " " + reply.body());
        }
        return reply.json();
    }

    public String status(long id) {
        return reservation(id).get("status").getAsString();
    }

    public String doorState(int door) {
        return stack.gatewayClient().call("door-manager", "get", Map.of("id", door)).json().get("state").getAsString();
    }

    /** The wrong codes screen-io has counted on {@code screen} (screen_throttle), "0" before its first. */
    public String wrongCodes(String screen) throws SQLException {
        return scalar("SELECT COALESCE(MAX(failures), 0) FROM screen_throttle WHERE screen_id = '" + screen + "'");
    }

    /** The status straight from MariaDB: the cheapest way to notice a change the moment it commits. */
    public String storedStatus(long id) throws SQLException {
        return scalar("SELECT status FROM reservations WHERE id = " + id);
    }

    public String scalar(String sql) throws SQLException {
        try (Connection connection = stack.mariaDb().connect("cacifo"); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    /** Waits until {@code condition} holds, polling every {@code pollMs}; false if it did not within {@code timeout}. */
    public static boolean await(Duration timeout, long pollMs, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(pollMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    public HttpResponse<String> post(URI uri, String body) {
        return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

}

package io.cacifo.backend;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.cacifo.kit.http.GatewayReply;
import io.cacifo.kit.json.Json;

import java.io.PrintStream;
import java.net.URI;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Set;

/**
 * {@code parcel}: announces a parcel to a locker with fresh random codes, sealed for the locker,
 * and shows the codes to the operator. This is the one place codes are printed, and only when the
 * locker accepted the parcel (a refused parcel's codes open nothing).
 */
final class ParcelCommand {
    private ParcelCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options = Options.parse("parcel", args,
                Set.of("gateway", "backend-key", "locker-key", "external-id", "door", "user", "code-length", "expires-at"),
                Set.of("json"));
        URI gateway = Cli.gateway(options);
        long codeLength = options.optionalNumber("code-length", ClearCodes.MIN_LENGTH, ClearCodes.MAX_LENGTH)
                .orElse((long) ClearCodes.DEFAULT_LENGTH);
        NewParcel parcel = new NewParcel(options.required("external-id"), options.number("door", 1, 9999),
                options.optionalNumber("user", 1, Long.MAX_VALUE).orElse(null),
                options.optionalInstant("expires-at").orElse(null), ClearCodes.random((int) codeLength));
        KeyPair backendKey = KeyFiles.backendKey("backend-key", options.required("backend-key"));
        PublicKey lockerKey = KeyFiles.lockerKey("locker-key", options.required("locker-key"));

        GatewayReply reply = new LockerClient(gateway, backendKey, lockerKey).createParcel(parcel);

        if (options.flag("json")) {
            printJson(out, reply, parcel.codes());
        } else {
            Cli.printReply(out, reply);
            if (reply.isSuccess()) {
                out.println("deposit_code " + parcel.codes().deposit());
                out.println("pickup_code  " + parcel.codes().pickup());
                out.println("backup_code  " + parcel.codes().backup());
            }
        }
        if (!reply.isSuccess()) {
            err.println("backend-tool: the locker refused the parcel: " + reply.status() + " " + reply.error());
            return 1;
        }
        return 0;
    }

    /** One line for scripts and load plans: {@code {"status", "reply", "codes"?}}. */
    private static void printJson(PrintStream out, GatewayReply reply, ClearCodes codes) {
        JsonObject result = new JsonObject();
        result.addProperty("status", reply.status());
        result.add("reply", bodyAsJson(reply));
        if (reply.isSuccess()) {
            result.add("codes", codes.toJson());
        }
        out.println(Json.write(result));
    }

    private static JsonElement bodyAsJson(GatewayReply reply) {
        JsonObject object = reply.json();
        return object.size() > 0 || reply.body().isBlank() ? object : new JsonPrimitive(reply.body());
    }
}

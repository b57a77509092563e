package io.cacifo.backend;

import io.cacifo.kit.http.GatewayReply;

import java.io.PrintStream;
import java.util.Set;

/**
 * {@code call}: any function action, signed with the back-end's key; the body is sent as given,
 * so an operator or a test can also send what the locker must refuse.
 */
final class CallCommand {
    private CallCommand() {
    }

    static int run(String[] args, PrintStream out) {
        Options options = Options.parse("call", args,
                Set.of("gateway", "backend-key", "function", "action", "body"), Set.of());
        String function = options.required("function");
        String action = options.required("action");
        String body = options.optional("body").orElse("{}");
        LockerClient client = new LockerClient(Cli.gateway(options),
                KeyFiles.backendKey("backend-key", options.required("backend-key")), null);

        GatewayReply reply = client.call(function, action, body);

        Cli.printReply(out, reply);
        return reply.isSuccess() ? 0 : 1;
    }
}

package io.cacifo.backend;

import io.cacifo.kit.http.GatewayReply;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Arrays;

/**
 * The back-end tool's command line. Exit codes: 0 done (for calls: a 2xx reply), 1 the locker
 * refused or could not be reached or a key file is unusable, 2 the command line is wrong (with
 * the usage text on stderr).
 */
public final class Cli {
    static final String USAGE = String.join("\n",
            "usage: java -cp backend-tool/target/backend-tool.jar:backend-tool/target/lib/* io.cacifo.backend.Cli <command> [options]",
            "",
            "  keygen --out DIR",
            "      writes backend-ec-private.pem, backend-ec-public.pem, locker-rsa-private.pem (RSA 3072)",
            "      and locker-rsa-public.pem into DIR; private files mode 600; never overwrites",
            "  parcel --gateway URL --backend-key PEM --locker-key PEM --external-id ID --door N",
            "         [--user N] [--code-length 10..12 (10)] [--expires-at 2026-12-01T18:00:00Z] [--json]",
            "      creates a parcel with random codes sealed for the locker; prints the reply and the codes",
            "  call   --gateway URL --backend-key PEM --function F --action A [--body JSON ({})]",
            "      any signed call; prints the status and the body",
            "",
            "  --backend-key is the back-end's private PEM file (as keygen writes it: PRIVATE KEY + PUBLIC KEY)",
            "  --locker-key is the locker's RSA public PEM file",
            "exit: 0 done (2xx), 1 refused / unreachable / unusable key file, 2 usage error");

    private Cli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the exit code. Never throws for a user's mistake. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "keygen":
                    return KeygenCommand.run(rest, out);
                case "parcel":
                    return ParcelCommand.run(rest, out, err);
                case "call":
                    return CallCommand.run(rest, out);
                case "help":
                case "--help":
                case "-h":
                    out.println(USAGE);
                    return 0;
                default:
                    throw new UsageException("unknown command '" + args[0] + "'");
            }
        } catch (UsageException | IllegalArgumentException e) {
            err.println("backend-tool: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (IllegalStateException | UncheckedIOException e) {
            err.println("backend-tool: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("backend-tool: " + e);
            return 1;
        }
    }

    static URI gateway(Options options) {
        String text = options.required("gateway");
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--gateway must be a URL such as http://127.0.0.1:8080");
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new UsageException("--gateway must be a URL such as http://127.0.0.1:8080");
        }
        return uri;
    }

    static void printReply(PrintStream out, GatewayReply reply) {
        out.println("HTTP " + reply.status());
        if (!reply.body().isBlank()) {
            out.println(reply.body());
        }
    }
}

package io.cacifo.backend;

import io.cacifo.kit.security.KeyPairs;
import io.cacifo.kit.security.PemKeys;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;
import java.util.Set;

/**
 * {@code keygen --out DIR}: a fresh back-end EC P-256 pair and a fresh locker RSA-3072 pair as PEM
 * files. Private files are created readable by their owner only (mode 600) before any key byte is
 * written; existing files are never overwritten. Prints paths and key ids, never a key.
 */
final class KeygenCommand {
    static final String BACKEND_PRIVATE = "backend-ec-private.pem";
    static final String BACKEND_PUBLIC = "backend-ec-public.pem";
    static final String LOCKER_PRIVATE = "locker-rsa-private.pem";
    static final String LOCKER_PUBLIC = "locker-rsa-public.pem";
    static final int LOCKER_RSA_BITS = 3072;

    private KeygenCommand() {
    }

    static int run(String[] args, PrintStream out) throws IOException {
        Options options = Options.parse("keygen", args, Set.of("out"), Set.of());
        Path dir = Path.of(options.required("out"));
        for (String name : List.of(BACKEND_PRIVATE, BACKEND_PUBLIC, LOCKER_PRIVATE, LOCKER_PUBLIC)) {
            if (Files.exists(dir.resolve(name))) {
                throw new IllegalStateException(dir.resolve(name) + " exists; keygen never overwrites a key (choose another --out)");
            }
        }
        Files.createDirectories(dir);
        KeyPair backend = KeyPairs.ecP256();
        KeyPair locker = KeyPairs.rsa(LOCKER_RSA_BITS);

        // The public block rides along in the private file: Java cannot derive an EC public key from
        // the private one, and the signer needs it for its key id (PemKeys.ecKeyPair reads both).
        writePrivate(dir.resolve(BACKEND_PRIVATE), PemKeys.privatePem(backend.getPrivate()) + PemKeys.publicPem(backend.getPublic()));
        writePublic(dir.resolve(BACKEND_PUBLIC), PemKeys.publicPem(backend.getPublic()));
        writePrivate(dir.resolve(LOCKER_PRIVATE), PemKeys.privatePem(locker.getPrivate()));
        writePublic(dir.resolve(LOCKER_PUBLIC), PemKeys.publicPem(locker.getPublic()));

        out.println("back-end EC P-256 key, id " + PemKeys.keyId(backend.getPublic()));
        out.println("  private (stays on the back-end): " + dir.resolve(BACKEND_PRIVATE));
        out.println("  public  (goes to each locker):   " + dir.resolve(BACKEND_PUBLIC));
        out.println("locker RSA-" + LOCKER_RSA_BITS + " key, id " + PemKeys.keyId(locker.getPublic()));
        out.println("  private (a secret of this locker's reservation-manager): " + dir.resolve(LOCKER_PRIVATE));
        out.println("  public  (stays on the back-end, seals this locker's codes): " + dir.resolve(LOCKER_PUBLIC));
        return 0;
    }

    private static void writePrivate(Path file, String pem) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            throw new IllegalStateException("the file system of " + file + " cannot restrict a private key to its owner");
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException(file + " exists; keygen never overwrites a key (choose another --out)");
        }
        Files.write(file, pem.getBytes(StandardCharsets.US_ASCII));
    }

    private static void writePublic(Path file, String pem) throws IOException {
        try {
            Files.write(file, pem.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException(file + " exists; keygen never overwrites a key (choose another --out)");
        }
    }
}

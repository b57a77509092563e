package io.cacifo.backend;

import io.cacifo.kit.security.PemKeys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;

/**
 * Reads the key files the commands take. Failures are {@link IllegalStateException} naming the
 * option and the path (exit code 1), never the file's content.
 */
final class KeyFiles {
    private KeyFiles() {
    }

    /** The back-end's EC P-256 pair: its private PEM file, which keygen writes with the public block appended. */
    static KeyPair backendKey(String option, String path) {
        String pem = read(option, path);
        try {
            return PemKeys.ecKeyPair(pem);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("--" + option + " " + path + ": " + e.getMessage());
        }
    }

    /** The locker's RSA public key, which seals its parcel codes. */
    static PublicKey lockerKey(String option, String path) {
        String pem = read(option, path);
        try {
            return PemKeys.rsaPublicKey(pem);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("--" + option + " " + path + ": " + e.getMessage());
        }
    }

    private static String read(String option, String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("--" + option + " " + path + ": no such file");
        } catch (IOException e) {
            throw new IllegalStateException("--" + option + " " + path + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }
}

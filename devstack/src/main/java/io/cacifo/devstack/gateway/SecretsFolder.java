package io.cacifo.devstack.gateway;

import java.util.List;

/** Where the gateway's {@code /system/secrets} writes, as faasd's provider writes its secrets folder. */
public interface SecretsFolder {
    /** The names of the locker's secrets (never their values). */
    List<String> names();

    /** Replaces a secret for every function that mounts it; {@link IllegalArgumentException} for a name not in {@link #names}. */
    void write(String name, String value);

    /** A folder that refuses every write: a gateway started without the devstack's secrets. */
    static SecretsFolder none() {
        return new SecretsFolder() {
            @Override
            public List<String> names() {
                return List.of();
            }

            @Override
            public void write(String name, String value) {
                throw new IllegalArgumentException("this gateway holds no secrets");
            }
        };
    }
}

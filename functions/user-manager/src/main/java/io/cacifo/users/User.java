package io.cacifo.users;

import java.time.Instant;

/** A user as stored and as replied (snake_case on the wire). */
public final class User {
    final long id;
    final String username;
    final String fullName;
    final String email;
    final Role role;
    final Instant createdAt;
    final Instant updatedAt;

    User(long id, String username, String fullName, String email, Role role, Instant createdAt, Instant updatedAt) {
        this.id = id;
        this.username = username;
        this.fullName = fullName;
        this.email = email;
        this.role = role;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }
}

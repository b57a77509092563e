package io.cacifo.users;

/** What a user is to the locker. SYSTEM is the built-in owner of back-end parcels and cannot be given. */
public enum Role {
    SYSTEM, OPERATOR, COURIER, CUSTOMER
}

package io.cacifo.devstack.demo;

/** A parcel the demo data put in the locker, with its codes in clear so a person can type them. */
public final class DemoParcel {
    private final long reservationId;
    private final String externalId;
    private final int door;
    private final String depositCode;
    private final String pickupCode;
    private final String backupCode;

    public DemoParcel(long reservationId, String externalId, int door, String depositCode, String pickupCode,
                      String backupCode) {
        this.reservationId = reservationId;
        this.externalId = externalId;
        this.door = door;
        this.depositCode = depositCode;
        this.pickupCode = pickupCode;
        this.backupCode = backupCode;
    }

    public long reservationId() {
        return reservationId;
    }

    public String externalId() {
        return externalId;
    }

    public int door() {
        return door;
    }

    public String depositCode() {
        return depositCode;
    }

    public String pickupCode() {
        return pickupCode;
    }

    public String backupCode() {
        return backupCode;
    }

    @Override
    public String toString() {
        return externalId + " in door " + door;
    }
}

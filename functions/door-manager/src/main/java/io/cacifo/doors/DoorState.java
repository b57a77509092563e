package io.cacifo.doors;

/** Whether a door can take a parcel: free, holding one, or taken out of service by an operator. */
public enum DoorState {
    FREE, OCCUPIED, OUT_OF_SERVICE
}

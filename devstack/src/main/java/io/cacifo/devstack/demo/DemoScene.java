package io.cacifo.devstack.demo;

/** One of the locker's exceptions the demo sets up, with the codes that show it and what they do. */
public final class DemoScene {
    private final DemoParcel parcel;
    private final String story;

    DemoScene(DemoParcel parcel, String story) {
        this.parcel = parcel;
        this.story = story;
    }

    /** The parcel it is about, with its codes in clear. */
    public DemoParcel parcel() {
        return parcel;
    }

    /** What a person sees when they type its codes, for the demo's summary. */
    public String story() {
        return story;
    }
}

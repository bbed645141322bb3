package io.coco4j.protocol.tee;

/** Evidence classes of the reference AS: policy ids are {@code <id>_<class>}, submods {@code <class><n>}. */
public enum TeeClass {
    CPU("cpu"),
    GPU("gpu"),
    DCU("dcu");

    private final String label;

    TeeClass(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}

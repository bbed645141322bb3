package io.coco4j.bench.sessions;

/** The session memory check failed in its JVM; {@link #childOutput()} has the last lines it wrote. */
public final class SessionMemoryException extends Exception {

    private final String childOutput;

    public SessionMemoryException(String message, String childOutput) {
        super(message);
        this.childOutput = childOutput;
    }

    public String childOutput() {
        return childOutput;
    }
}

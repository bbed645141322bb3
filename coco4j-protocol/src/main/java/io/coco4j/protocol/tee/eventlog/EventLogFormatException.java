package io.coco4j.protocol.tee.eventlog;

/** The bytes are not a TCG2 crypto-agile event log this parser accepts. */
public final class EventLogFormatException extends Exception {

    public EventLogFormatException(String message) {
        super(message);
    }
}

package io.coco4j.verifier.eventlog;

/** An event's data does not have the structure its event type prescribes. */
final class EventDetailException extends Exception {

    EventDetailException(String message) {
        super(message);
    }
}

package io.coco4j.kbs.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Every log event of the process while open, with coco4j's loggers at TRACE: what any log format
 * could print of an event (message, MDC, exception with its causes and stack) is in {@link #rendered()}.
 */
public final class CapturedLogs implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger coco4j = (Logger) LoggerFactory.getLogger("io.coco4j");
    private final Level coco4jLevel = coco4j.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing(); // the MDC as it is now, on the logging thread
            super.append(event);
        }
    };

    public CapturedLogs() {
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
        coco4j.setLevel(Level.TRACE);
    }

    public List<ILoggingEvent> events() {
        synchronized (appender) { // appends hold the appender's lock
            return new ArrayList<>(appender.list);
        }
    }

    /** Each event as one text: level, logger, formatted message, MDC and the whole exception. */
    public List<String> rendered() {
        List<String> out = new ArrayList<>();
        for (ILoggingEvent event : events()) {
            StringBuilder text = new StringBuilder()
                    .append(event.getLevel()).append(' ').append(event.getLoggerName()).append(' ')
                    .append(event.getFormattedMessage()).append(' ').append(event.getMDCPropertyMap());
            if (event.getThrowableProxy() != null) {
                text.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
            out.add(text.toString());
        }
        return out;
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        coco4j.setLevel(coco4jLevel);
    }
}

package io.coco4j.cli.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import org.slf4j.LoggerFactory;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * How the process writes its log: {@code text} (the pattern of {@code logback.xml}, with the request
 * id when there is one) or {@code json}, one object per line with the level, logger, thread, the
 * formatted message, the MDC ({@code request_id}) and any exception; never the raw arguments.
 */
public enum LogFormat {
    TEXT,
    JSON;

    /**
     * Makes this the format of every log line, written to {@code out}. {@link #TEXT} keeps the
     * configured appenders. Closing the result puts the previous appenders back.
     */
    public AutoCloseable install(OutputStream out) {
        if (this == TEXT) {
            return () -> { };
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithContext(false);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithKVPList(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> json = new OutputStreamAppender<>();
        json.setName("json");
        json.setContext(context);
        json.setEncoder(encoder);
        json.setOutputStream(new FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                flush(); // stopping the appender must not close stderr
            }
        });
        json.start();

        List<Appender<ILoggingEvent>> previous = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            previous.add(it.next());
        }
        root.addAppender(json);
        previous.forEach(root::detachAppender);
        return () -> {
            previous.forEach(root::addAppender);
            root.detachAppender(json);
            json.stop();
        };
    }
}

package io.coco4j.cli.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code logback.xml} the coco4j jar ships (tests run with their own): it loads cleanly and prints request ids. */
class ShippedLogConfigTest {

    @Test
    void theShippedConfigurationLoadsAndWritesTheRequestIdToStderr() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            configurator.doConfigure(ShippedLogConfigTest.class.getResource("/logback.xml"));
            assertThat(context.getStatusManager().getCopyOfStatusList()).noneMatch(s -> s.getLevel() >= Status.WARN);
            Logger logger = context.getLogger("io.coco4j.test");
            logger.info("outside a request");
            MDC.put("request_id", "req-42");
            try {
                logger.info("inside a request");
            } finally {
                MDC.remove("request_id");
            }
            logger.debug("below the default level");
            context.getLogger("org.eclipse.jetty.server").info("jetty chatter");
        } finally {
            System.setErr(stderr);
            context.stop();
        }
        String[] lines = captured.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).matches("\\d{4}-\\d\\d-\\d\\dT\\S+ INFO  \\[.+] io.coco4j.test - outside a request");
        assertThat(lines[1]).matches("\\d{4}-\\d\\d-\\d\\dT\\S+ INFO  \\[.+] io.coco4j.test request_id=req-42 - inside a request");
    }
}

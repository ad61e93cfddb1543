package org.mhpathway;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The partners' side, for real: an HTTP server that takes webhooks (WireMock) and an SMTP server that takes
 * e-mail (GreenMail), each on a free port of the loopback interface. Started once for the whole test run, so
 * that the Spring context the process tests share stays one context; tests reset what they received.
 */
public final class PartnerTestServers {

    private static final String LOOPBACK = "127.0.0.1";

    public static final WireMockServer WEBHOOKS = new WireMockServer(options().bindAddress(LOOPBACK).dynamicPort());
    public static final GreenMail SMTP = new GreenMail(new ServerSetup(0, LOOPBACK, ServerSetup.PROTOCOL_SMTP));

    static {
        WEBHOOKS.start();
        SMTP.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            WEBHOOKS.stop();
            SMTP.stop();
        }, "partner-test-servers-stop"));
    }

    private PartnerTestServers() {
    }

    public static String smtpHost() {
        return LOOPBACK;
    }

    public static int smtpPort() {
        return SMTP.getSmtp().getPort();
    }

    /** A webhook address on the test HTTP server. */
    public static String webhookUrl(String path) {
        return "http://" + LOOPBACK + ":" + WEBHOOKS.port() + path;
    }
}

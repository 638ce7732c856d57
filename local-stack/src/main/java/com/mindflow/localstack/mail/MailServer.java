package com.mindflow.localstack.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.mindflow.localstack.ConnectionDetails;
import com.mindflow.localstack.Env;
import com.mindflow.localstack.LocalServer;
import com.mindflow.localstack.Probe;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An SMTP catcher (GreenMail) in the supervisor JVM: mail sent to port 2525 is kept in memory and can be read back over
 * IMAP on 2143 by logging in as the recipient's address with any password.
 */
public final class MailServer implements LocalServer, ConnectionDetails {

    private final int smtpPort = Env.port("MINDFLOW_SMTP_PORT", 2525);
    private final int imapPort = Env.port("MINDFLOW_IMAP_PORT", 2143);
    private GreenMail greenMail;

    @Override
    public String name() {
        return "mail";
    }

    @Override
    public List<Integer> ports() {
        return List.of(smtpPort, imapPort);
    }

    @Override
    public boolean isRunning() {
        return Probe.greeting(smtpPort, "220") && Probe.greeting(imapPort, "* OK");
    }

    @Override
    public void start(Path dataDir, Path logDir) {
        ServerSetup smtp = new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        ServerSetup imap = new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
        greenMail = new GreenMail(new ServerSetup[] {smtp, imap});
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    @Override
    public Map<String, String> connectionProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("mail.host", "localhost");
        p.put("mail.smtp-port", Integer.toString(smtpPort));
        p.put("mail.imap-port", Integer.toString(imapPort));
        return p;
    }
}

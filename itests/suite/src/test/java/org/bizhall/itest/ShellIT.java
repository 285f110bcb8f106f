package org.bizhall.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

import com.fasterxml.jackson.databind.JsonNode;

/** The admin's view in the Karaf shell agrees with what was done over HTTP. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class ShellIT extends BizhallTestSupport {

    @Before
    public void platformUp() throws InterruptedException {
        awaitPlatform();
    }

    /** An admin reading data/log/karaf.log after a start finds no ERROR and no stack trace. */
    @Test
    public void bootLogsNoErrorAndNoStackTrace() {
        List<String> problems = bootProblems();
        assertTrue("the boot logged:\n" + String.join("\n", problems), problems.isEmpty());
    }

    /**
     * One command per SSH exec request, as scripts run it ({@code ssh -p 8101 admin@host hall:procedures}, or
     * {@code bin/client ... "hall:procedures"}): the command's output comes back and the exit status is 0.
     */
    @Test
    public void oneShotCommandOverSshExecPrintsItsOutputAndExitsZero() throws Exception {
        int port = Integer.parseInt(System.getProperty("bizhall.ssh.port"));
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.setServerKeyVerifier((session, address, key) -> true); // the container's fresh host key
            client.start();
            try (ClientSession session = client.connect("admin", "localhost", port).verify(30, TimeUnit.SECONDS).getSession()) {
                session.addPasswordIdentity("admin");
                session.auth().verify(30, TimeUnit.SECONDS);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                try (ChannelExec exec = session.createExecChannel("hall:procedures")) {
                    exec.setOut(out);
                    exec.setErr(err);
                    exec.open().verify(30, TimeUnit.SECONDS);
                    exec.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TimeUnit.SECONDS.toMillis(60));
                    String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
                    assertTrue(printed, printed.contains("account-opening"));
                    assertEquals(printed, Integer.valueOf(0), exec.getExitStatus());
                }
            }
        }
    }

    @Test
    public void shellCommandsShowProceduresOrdersSubscribersNumbersAndParameters() throws Exception {
        String msisdn = availableNumber("op-sn", "138918090", false);
        JsonNode order = post("op-sn", "/orders", openingOrder(msisdn, "GOTONE-88"), key()).expect(201).json();
        String id = order.path("id").asText();
        post("op-sn", "/orders/" + id + "/payments", object().put("method", "BANK_CARD"), key()).expect(201);

        String procedures = shell("hall:procedures --province SN");
        assertTrue(procedures, procedures.contains("account-opening"));
        assertTrue(procedures, procedures.contains("org.bizhall.procedure.opening"));

        String orders = shell("hall:orders --state COMPLETED");
        assertTrue(orders, orders.contains(id));

        String one = shell("hall:order " + id);
        assertTrue(one, one.contains("COMPLETED"));
        assertTrue(one, one.contains("account-opening"));
        assertTrue(one, !one.contains(VALID_ID));

        String subscriber = shell("hall:subscriber " + msisdn);
        assertTrue(subscriber, subscriber.contains("ACTIVE"));
        assertTrue(subscriber, subscriber.contains("GOTONE-88"));
        assertTrue(subscriber, !subscriber.contains("张三"));

        String numbers = shell("hall:numbers 1389180");
        assertTrue(numbers, numbers.contains("1389180"));

        String province = shell("hall:province SN");
        assertTrue(province, province.contains("numberReservationMinutes"));
        assertTrue(province, province.contains("transferMinDepositFen"));
        assertTrue(province, province.contains("20000"));

        String demo = shell("hall:demo-data");
        assertTrue(demo, demo.contains("STORE_NOT_EMPTY"));
    }
}

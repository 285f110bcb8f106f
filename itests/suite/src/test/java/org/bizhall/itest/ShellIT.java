package org.bizhall.itest;

import static org.junit.Assert.assertTrue;

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

package org.bizhall.device.simulators.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bizhall.api.common.ResidentId;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.device.CashReport;
import org.bizhall.api.device.DeviceConfig;
import org.bizhall.api.device.DeviceDriver;
import org.bizhall.api.device.DeviceException;
import org.bizhall.api.device.DeviceKind;
import org.bizhall.api.device.DeviceStatus;
import org.bizhall.api.device.QueueTicket;
import org.bizhall.api.service.Receipt;
import org.junit.Test;

/** The simulators behave like the hardware they stand for. */
public class SimulatorsTest {
    private static DeviceConfig device(DeviceKind kind, Map<String, String> settings) {
        return new DeviceConfig("d1", "SN-XA-001", kind, Simulator.ID, null, settings);
    }

    @Test
    public void kioskAcceptsOnly10_20_50_100YuanNotesAndGivesNoChange_rule2() {
        SimulatedCashKiosk kiosk = new SimulatedCashKiosk();
        CashReport report = kiosk.accept(device(DeviceKind.CASH_KIOSK, Map.of()),
                List.of(10_000L, 500L, 5_000L, 2_000L, 1_000L, 100L, 20_000L));
        assertEquals(List.of(10_000L, 5_000L, 2_000L, 1_000L), report.acceptedFen());
        assertEquals("5-yuan, 1-yuan and non-existent notes are pushed back", List.of(500L, 100L, 20_000L),
                report.returnedFen());
        assertEquals("the whole accepted amount is credited: no change", 18_000L, report.totalFen());
        assertEquals(java.util.Set.of(1_000L, 2_000L, 5_000L, 10_000L),
                kiosk.denominationsFen(device(DeviceKind.CASH_KIOSK, Map.of())));
    }

    @Test
    public void readerReturnsTheConfiguredIdentityWithAValidCheckCharacter_hallDevicesIdReader() {
        Customer read = new SimulatedIdCardReader().readIdentity(device(DeviceKind.ID_CARD_READER,
                Map.of("identity.name", "李四", "identity.number", "61010219800101123")));
        assertEquals("李四", read.name());
        assertEquals(IdType.ID_CARD, read.idType());
        assertEquals("61010219800101123" + ResidentId.checkCharacter("61010219800101123"), read.idNumber());
        assertTrue(ResidentId.isValid(read.idNumber()));
    }

    @Test
    public void readerComputesTheCheckCharacterEvenWhenAWrongOneIsConfigured_hallDevicesIdReader() {
        Customer read = new SimulatedIdCardReader().readIdentity(device(DeviceKind.ID_CARD_READER,
                Map.of("identity.number", "110105194912310021")));
        assertEquals("11010519491231002X", read.idNumber());
    }

    @Test
    public void readerByDefaultReadsTheDemoHolder() {
        Customer read = new SimulatedIdCardReader().readIdentity(device(DeviceKind.ID_CARD_READER, Map.of()));
        assertEquals("11010519491231002X", read.idNumber());
        assertEquals("张三", read.name());
    }

    @Test
    public void anEmptyReaderSaysSoAndTheOperatorTypesTheIdentity_hallWithoutDeviceFallsBackToManual() {
        try {
            new SimulatedIdCardReader().readIdentity(device(DeviceKind.ID_CARD_READER, Map.of("card", "absent")));
            fail();
        } catch (DeviceException e) {
            assertEquals(DeviceStatus.ERROR, e.status());
        }
    }

    @Test
    public void printerRecordsWhatItPrintedAndMarksReprints_hallDevicesPrinter() {
        SimulatedReceiptPrinter printer = new SimulatedReceiptPrinter();
        Receipt receipt = new Receipt("SN-XA-001-20261122-000007", "SN-XA-001", "op-sn", "o1", "13891800088",
                "CASH", List.of(), 20_000, 30_000, 10_000, OffsetDateTime.now(), LocalDate.now(), 0, false);
        DeviceConfig config = device(DeviceKind.RECEIPT_PRINTER, Map.of());
        printer.print(config, receipt, false);
        printer.print(config, receipt, true);
        assertEquals(List.of(new SimulatedReceiptPrinter.Printout(receipt.number(), 20_000, false),
                new SimulatedReceiptPrinter.Printout(receipt.number(), 20_000, true)), printer.printed("d1"));
    }

    @Test
    public void aSwitchedOffSimulatorIsOfflineAndRefusesWork() {
        SimulatedReceiptPrinter printer = new SimulatedReceiptPrinter();
        DeviceConfig off = device(DeviceKind.RECEIPT_PRINTER, Map.of("online", "false"));
        assertEquals(DeviceStatus.OFFLINE, printer.status(off));
        assertEquals(DeviceStatus.OFFLINE, printer.test(off).status());
        try {
            printer.print(off, null, false);
            fail();
        } catch (DeviceException e) {
            assertEquals(DeviceStatus.OFFLINE, e.status());
        }
    }

    @Test
    public void queueMachineIssuesNumberedTicketsAndCallsThemInOrder_rule14Queue() {
        SimulatedQueueMachine machine = new SimulatedQueueMachine();
        DeviceConfig config = device(DeviceKind.QUEUE_MACHINE, Map.of());
        QueueTicket first = machine.issue(config, "general");
        QueueTicket second = machine.issue(config, "GENERAL");
        QueueTicket vip = machine.issue(config, "VIP");
        assertEquals("G001", first.number());
        assertEquals(1, second.waitingAhead());
        assertEquals("V001", vip.number());
        assertEquals(Optional.of(first), machine.callNext(config, "GENERAL", "3"));
        assertEquals(Optional.of(second), machine.callNext(config, "GENERAL", "3"));
        assertEquals(Optional.empty(), machine.callNext(config, "GENERAL", "3"));
    }

    @Test
    public void ratingPadRecordsTheConfiguredScoreWithinOneToFive() {
        SimulatedRatingPad pad = new SimulatedRatingPad();
        assertEquals(Optional.of(5), pad.rate(device(DeviceKind.RATING_PAD, Map.of()), "op-sn", "o1"));
        assertEquals(Optional.of(3), pad.rate(device(DeviceKind.RATING_PAD, Map.of("score", "3")), "op-sn", "o1"));
        assertEquals(Optional.empty(), pad.rate(device(DeviceKind.RATING_PAD, Map.of("score", "none")), "op-sn", "o1"));
    }

    @Test
    public void deskPhoneRegistersWithManufacturerTerminalTypeModelAndNumber_rule13() {
        SimulatedTdDeskPhone phone = new SimulatedTdDeskPhone();
        DeviceConfig config = device(DeviceKind.TD_DESK_PHONE, Map.of());
        assertTrue(phone.register(config, "M01", "TD-DESK", "T100", "13891800088").accepted());
        assertFalse("the number is part of the registration", phone.register(config, "M01", "TD-DESK", "T100", null).accepted());
        assertFalse(phone.register(config, " ", "TD-DESK", "T100", "13891800088").accepted());
    }

    @Test
    public void numberKioskHandsBackTheNumberTheCustomerPicked() {
        SimulatedNumberKiosk kiosk = new SimulatedNumberKiosk();
        DeviceConfig config = device(DeviceKind.NUMBER_KIOSK, Map.of("choice", "1"));
        kiosk.show(config, List.of("13891800088", "13891800188"));
        assertEquals(Optional.of("13891800188"), kiosk.chosen(config));
    }

    @Test
    public void everyKindHasASimulatorUnderItsKindsInterface() {
        List<DeviceDriver> all = List.of(new SimulatedIdCardReader(), new SimulatedReceiptPrinter(),
                new SimulatedCashKiosk(), new SimulatedNumberKiosk(), new SimulatedQueueMachine(),
                new SimulatedRatingPad(), new SimulatedTdDeskPhone());
        for (DeviceKind kind : DeviceKind.values()) {
            assertTrue(kind.name(), all.stream().anyMatch(d -> d.kind() == kind && kind.driverType().isInstance(d)
                    && d.id().equals(Simulator.ID)));
        }
    }
}

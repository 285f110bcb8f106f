package org.bizhall.api.device;

/** The kinds of hall device the contract fixes; each has one driver interface. */
public enum DeviceKind {
    ID_CARD_READER(IdCardReader.class),
    RECEIPT_PRINTER(ReceiptPrinter.class),
    CASH_KIOSK(CashKiosk.class),
    NUMBER_KIOSK(NumberKiosk.class),
    QUEUE_MACHINE(QueueMachine.class),
    RATING_PAD(RatingPad.class),
    TD_DESK_PHONE(TdDeskPhone.class);

    private final Class<? extends DeviceDriver> driverType;

    DeviceKind(Class<? extends DeviceDriver> driverType) {
        this.driverType = driverType;
    }

    /** The interface a driver of this kind implements. */
    public Class<? extends DeviceDriver> driverType() {
        return driverType;
    }
}

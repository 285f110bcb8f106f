package org.bizhall.testing;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.NewReceipt;
import org.bizhall.api.service.Receipt;
import org.bizhall.api.service.ReceiptService;

/**
 * Receipts in memory, numbered as the real service numbers them: consecutive per hall and business day,
 * {@code SN-XA-001-20261110-000001}. A reprint counts and comes back marked as one; 404 {@code RECEIPT_NOT_FOUND}
 * for an unknown number, 400 {@code RECEIPT_INVALID} for a receipt without its hall.
 */
public final class InMemoryReceipts implements ReceiptService, DirectTransactions.Participant {
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;
    private final BusinessClock clock;
    private List<Receipt> issued = new ArrayList<>();
    private Map<String, Integer> lastSequence = new HashMap<>();

    public InMemoryReceipts() {
        this(new SettableClock());
    }

    public InMemoryReceipts(BusinessClock clock) {
        this.clock = clock;
    }

    @Override
    public Receipt issue(NewReceipt r) {
        if (r == null || r.hall() == null || r.hall().isBlank()) {
            throw ProblemException.badRequest("RECEIPT_INVALID", "a receipt needs its hall", "hall");
        }
        OffsetDateTime now = clock.now();
        LocalDate day = now.atZoneSameInstant(clock.zone()).toLocalDate();
        int seq = lastSequence.merge(r.hall() + "/" + day, 1, Integer::sum);
        Receipt receipt = new Receipt(r.hall() + "-" + day.format(COMPACT) + "-" + String.format("%06d", seq),
                r.hall(), r.operator(), r.orderId(), r.msisdn(), r.method(), r.lines() == null ? List.of() : r.lines(),
                r.totalFen(), r.tenderedFen(), r.changeFen(), now, day, 0, false);
        issued.add(receipt);
        return receipt;
    }

    @Override
    public Optional<Receipt> find(String number) {
        return issued.stream().filter(r -> r.number().equals(number)).findFirst();
    }

    @Override
    public Receipt reprint(String number, String operator) {
        Receipt r = find(number)
                .orElseThrow(() -> ProblemException.notFound("RECEIPT_NOT_FOUND", "no receipt has this number"));
        Receipt counted = new Receipt(r.number(), r.hall(), r.operator(), r.orderId(), r.msisdn(), r.method(),
                r.lines(), r.totalFen(), r.tenderedFen(), r.changeFen(), r.issuedAt(), r.businessDate(),
                r.reprints() + 1, false);
        issued.set(issued.indexOf(r), counted);
        return new Receipt(r.number(), r.hall(), r.operator(), r.orderId(), r.msisdn(), r.method(), r.lines(),
                r.totalFen(), r.tenderedFen(), r.changeFen(), r.issuedAt(), r.businessDate(), counted.reprints(), true);
    }

    /** Every receipt issued, oldest first. */
    public List<Receipt> issued() {
        return List.copyOf(issued);
    }

    @Override
    public Object snapshot() {
        return List.of(new ArrayList<>(issued), new HashMap<>(lastSequence));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        List<Object> both = (List<Object>) snapshot;
        issued = new ArrayList<>((List<Receipt>) both.get(0));
        lastSequence = new HashMap<>((Map<String, Integer>) both.get(1));
    }
}

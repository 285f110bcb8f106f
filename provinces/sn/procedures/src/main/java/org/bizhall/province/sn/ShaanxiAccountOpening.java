package org.bizhall.province.sn;

import java.util.ArrayList;
import java.util.List;

import org.bizhall.api.common.Money;
import org.bizhall.api.order.Confirmation;
import org.bizhall.api.order.Quote;
import org.bizhall.api.order.QuoteItem;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.ProcedureDescriptor;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.procedure.kit.ProcedureProvider;
import org.bizhall.api.procedure.kit.Quotes;
import org.bizhall.api.service.NationalParams;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.propertytypes.ServiceRanking;

/**
 * Shaanxi's account opening: the national procedure with Shaanxi's SIM card rule (seed 003, "新入网时缴费100元(郊县50元)，
 * 可免卡费"): what the customer pays at opening — the deposit and the chosen number's prestore together — waives the
 * card fee from {@value #WAIVER_FROM_FEN} fen, {@value #COUNTY_WAIVER_FROM_FEN} in a county hall, where the national
 * rule counts the deposit alone.
 * <p>
 * Everything else is the national provider's, reached through its service, so the pack follows every national fix
 * without a line here; while the national provider is away this one is too (its reference is mandatory).
 */
@ProcedureProvider(procedure = ShaanxiAccountOpening.ID, province = "SN")
@ServiceRanking(10)
@Component(service = Procedure.class)
public class ShaanxiAccountOpening implements Procedure {
    static final String ID = "account-opening";
    static final long WAIVER_FROM_FEN = 10000;
    static final long COUNTY_WAIVER_FROM_FEN = 5000;
    /** Codes of the national quote this rule reads and rewrites (see its descriptor's documentation). */
    static final String SIM_CARD = "SIM_CARD";
    static final String DEPOSIT = "DEPOSIT";
    static final String PRESTORE = "PRESTORE";
    static final String WAIVED_RESULT = "simCardFeeWaived";
    static final String FEE_RESULT = "simCardFeeFen";

    /** The national provider: {@code *} escaped, since a bare {@code *} in a filter would match any province. */
    static final String NATIONAL_OPENING = "(&(bizhall.procedure=account-opening)(bizhall.province=\\*))";

    private final Procedure national;

    @Activate
    public ShaanxiAccountOpening(
            @Reference(target = NATIONAL_OPENING) Procedure national) {
        this.national = national;
    }

    @Override
    public ProcedureDescriptor descriptor() {
        ProcedureDescriptor d = national.descriptor();
        return new ProcedureDescriptor(d.id(), d.title() + "（陕西）", d.version(), d.paramsSchema(), d.documents(),
                d.documentsByCase(), d.steps(), d.passwordInsteadOfId());
    }

    @Override
    public Quote quote(OrderContext order) {
        Quote nationalQuote = national.quote(order);
        long paid = Quotes.sum(nationalQuote, DEPOSIT) + Quotes.sum(nationalQuote, PRESTORE);
        long waiverFrom = order.hall().county() ? COUNTY_WAIVER_FROM_FEN : WAIVER_FROM_FEN;
        boolean waived = paid >= waiverFrom;
        long fee = waived ? 0 : order.provinceParams().fen(NationalParams.SIM_CARD_FEE_FEN);
        List<QuoteItem> items = new ArrayList<>();
        for (QuoteItem item : nationalQuote.items()) {
            items.add(SIM_CARD.equals(item.code())
                    ? Quotes.item(SIM_CARD, waived ? "SIM卡费（入网缴费满" + Money.yuan(waiverFrom) + "元免收）" : "SIM卡费", fee)
                    : item);
        }
        order.result().put(WAIVED_RESULT, waived);
        order.result().put(FEE_RESULT, fee);
        return Quote.of(items);
    }

    @Override
    public StepOutcome execute(OrderContext order) {
        return national.execute(order);
    }

    @Override
    public StepOutcome confirm(OrderContext order, Confirmation confirmation) {
        return national.confirm(order, confirmation);
    }

    @Override
    public StepOutcome dateReached(OrderContext order) {
        return national.dateReached(order);
    }

    @Override
    public void cancel(OrderContext order) {
        national.cancel(order);
    }
}

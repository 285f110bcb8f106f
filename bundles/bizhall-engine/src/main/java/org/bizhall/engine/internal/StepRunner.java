package org.bizhall.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.bizhall.api.common.Money;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.order.Quote;
import org.bizhall.api.order.QuoteItem;
import org.bizhall.api.procedure.PriorResult;
import org.bizhall.api.procedure.ProcedureStepHook;
import org.bizhall.api.procedure.Step;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs procedure code: one step with the hooks of the order's procedure and province around it (prior, the step,
 * success or failure), and the one failure boundary every engine call goes through.
 * <p>
 * Inside a step a refusal ({@link ProblemException}) passes unchanged; anything else thrown by procedure or hook code
 * becomes a {@link ProcedureCrash}, which rolls the engine's transaction back. {@link #contained} turns a crash into
 * 500 {@code PROCEDURE_FAILED} once, after the caller's reaction (marking the order {@code FAILED}).
 * <p>
 * Quote adjustments: prior results before {@link Step#QUOTE} are collected hook by hook (highest ranking first) and
 * applied after the procedure's quote in that order; an item replaces the quote's item of the same code, any other
 * is added; the total is recomputed. Adjusting at another step, or turning a quote that costs something into money
 * paid out, is the hook's failure.
 */
final class StepRunner {
    private static final Logger LOG = LoggerFactory.getLogger(StepRunner.class);

    private final StepHooks hooks;

    StepRunner(StepHooks hooks) {
        this.hooks = hooks;
    }

    /** One adjustment a hook made to a quote, as the order's history tells it. */
    record Adjustment(String hook, QuoteItem item, Long replacedFen, String note) {
        String describe() {
            String change = replacedFen == null ? "added " + item.code() + " " + Money.yuan(item.amountFen())
                    : "set " + item.code() + " from " + Money.yuan(replacedFen) + " to " + Money.yuan(item.amountFen());
            return "quote adjusted by " + hook + ": " + change + " yuan" + (note == null ? "" : " (" + note + ")");
        }

        Map<String, Object> asResult() {
            return Map.of("hook", hook, "code", item.code(), "amountFen", item.amountFen());
        }
    }

    /** The quote after the hooks adjusted it, and what each did. */
    record Quoted(Quote quote, List<Adjustment> adjustments) {
    }

    private record Prior(String hook, PriorResult result) {
    }

    /** Runs a step that is not the quote. */
    <T> T run(Step step, ResolvedProcedure procedure, EngineOrderContext context, Supplier<T> call) {
        return run(step, procedure, context, call, (value, priors) -> value);
    }

    /** Runs the QUOTE step: the procedure prices the order, then the hooks' adjustments apply. */
    Quoted quote(ResolvedProcedure procedure, EngineOrderContext context) {
        return run(Step.QUOTE, procedure, context, () -> {
            Quote priced = procedure.procedure().quote(context);
            if (priced == null) {
                throw new IllegalStateException("quote returned nothing");
            }
            return new Quoted(priced, List.of());
        }, (quoted, priors) -> {
            Quoted adjusted = adjust(quoted.quote(), priors, procedure, context);
            // the quote goes into the context before the success hooks run, so they see what was priced
            context.quote(adjusted.quote());
            return adjusted;
        });
    }

    @FunctionalInterface
    private interface AfterCall<T> {
        T apply(T value, List<Prior> adjusting);
    }

    private <T> T run(Step step, ResolvedProcedure procedure, EngineOrderContext context, Supplier<T> call,
            AfterCall<T> after) {
        List<StepHooks.Entry> applicable = hooks.applicable(procedure.id(), context.hall().province());
        List<Prior> adjusting = guarded(step, procedure, context, "prior hook", () -> priors(step, context, applicable));
        T value;
        try {
            value = guarded(step, procedure, context, "procedure", call);
            value = after.apply(value, adjusting);
        } catch (RuntimeException failure) {
            RuntimeException reported = failure instanceof ProcedureCrash crash && crash.getCause() != null
                    ? new IllegalStateException(crash.getMessage()) : failure;
            for (StepHooks.Entry entry : applicable) {
                try {
                    entry.hook().failure(step, context, reported);
                } catch (RuntimeException | LinkageError e) {
                    LOG.warn("a failure hook of {} failed in step {} of order {}", procedure.id(), step,
                            context.orderId(), SafeLog.scrubbed(e));
                }
            }
            throw failure;
        }
        guarded(step, procedure, context, "success hook", () -> {
            for (StepHooks.Entry entry : applicable) {
                entry.hook().success(step, context);
            }
            return null;
        });
        return value;
    }

    private static List<Prior> priors(Step step, EngineOrderContext context, List<StepHooks.Entry> applicable) {
        List<Prior> adjusting = new ArrayList<>();
        for (StepHooks.Entry entry : applicable) {
            ProcedureStepHook hook = entry.hook();
            PriorResult result = hook.priorCall(step, context);
            if (result == null) {
                throw new IllegalStateException("a prior hook answered nothing");
            }
            if (result.refuses()) {
                throw result.refusal();
            }
            if (result.adjusts()) {
                if (step != Step.QUOTE) {
                    throw new IllegalStateException("a hook adjusted the quote before step " + step);
                }
                adjusting.add(new Prior(entry.origin(), result));
            }
        }
        return adjusting;
    }

    private static Quoted adjust(Quote priced, List<Prior> priors, ResolvedProcedure procedure,
            EngineOrderContext context) {
        if (priors.isEmpty()) {
            return new Quoted(priced, List.of());
        }
        List<QuoteItem> items = new ArrayList<>(priced.items());
        List<Adjustment> adjustments = new ArrayList<>();
        for (Prior prior : priors) {
            for (QuoteItem item : prior.result().items()) {
                if (item == null || item.code() == null || item.code().isBlank()) {
                    throw crash(Step.QUOTE, procedure, context, "prior hook",
                            new IllegalStateException("a quote adjustment without a code"));
                }
                Long replaced = null;
                for (int i = 0; i < items.size(); i++) {
                    if (items.get(i).code().equals(item.code())) {
                        replaced = items.get(i).amountFen();
                        items.set(i, item);
                        break;
                    }
                }
                if (replaced == null) {
                    items.add(item);
                }
                adjustments.add(new Adjustment(prior.hook(), item, replaced, prior.result().note()));
            }
        }
        Quote adjusted = Quote.of(items);
        if (priced.totalFen() >= 0 && adjusted.totalFen() < 0) {
            throw crash(Step.QUOTE, procedure, context, "prior hook", new IllegalStateException(
                    "quote adjustments turned a charge into money paid out"));
        }
        return new Quoted(adjusted, List.copyOf(adjustments));
    }

    private static <T> T guarded(Step step, ResolvedProcedure procedure, EngineOrderContext context, String what,
            Supplier<T> call) {
        try {
            return call.get();
        } catch (ProblemException | ProcedureCrash passing) {
            throw passing;
        } catch (RuntimeException | LinkageError e) {
            throw crash(step, procedure, context, what, e);
        }
    }

    private static ProcedureCrash crash(Step step, ResolvedProcedure procedure, EngineOrderContext context,
            String what, Throwable e) {
        LOG.error("{} of procedure {} by {} failed in step {} of order {} (province {})", what, procedure.id(),
                procedure.provider(), step, context.orderId(), context.hall().province(), SafeLog.scrubbed(e));
        return new ProcedureCrash(step, procedure.id(), procedure.provider(), e);
    }

    /**
     * The failure boundary: runs {@code work} (a whole engine call, usually a transaction); a {@link ProcedureCrash}
     * anywhere in what it throws is handed to {@code afterCrash} (null: nothing to record) and answered 500
     * {@code PROCEDURE_FAILED} with {@code consequence}; anything else passes unchanged.
     */
    static <T> T contained(Supplier<T> work, Consumer<ProcedureCrash> afterCrash, String consequence) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            ProcedureCrash crash = ProcedureCrash.in(e);
            if (crash == null) {
                throw e;
            }
            if (afterCrash != null) {
                afterCrash.accept(crash);
            }
            throw procedureFailed(crash, consequence);
        }
    }

    static ProblemException procedureFailed(ProcedureCrash crash, String consequence) {
        return new ProblemException(500, "PROCEDURE_FAILED", "the procedure " + crash.procedureId() + " ("
                + crash.provider() + ") failed in step " + crash.step() + "; " + consequence, null);
    }
}

package org.bizhall.core.internal.province;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One province's parameters (factory configuration {@code org.bizhall.province}, e.g.
 * {@code etc/org.bizhall.province-SN.cfg}). The attribute names are those of
 * {@link org.bizhall.api.service.NationalParams} and the defaults are the rulebook's; this annotation is the only place
 * the defaults are written down ({@link ProvinceValues} reads them from here). A configuration may hold further keys
 * that province bundles read.
 */
@ObjectClassDefinition(id = ProvinceConfiguration.FACTORY_PID, factoryPid = ProvinceConfiguration.FACTORY_PID,
        name = "bizhall province parameters", description = "The parameters one province runs its procedures with")
public @interface ProvinceConfig {
    @AttributeDefinition(name = "Province", description = "Province code, e.g. SN")
    String province();

    @AttributeDefinition(name = "Number reservation (minutes)",
            description = "How long a number reservation holds before the number returns to the pool")
    int numberReservationMinutes() default 30;

    @AttributeDefinition(name = "Opening deposit (fen)",
            description = "Smallest prepaid deposit at account opening (not for a corporate account payer)")
    long openingDepositFen() default 10000L;

    @AttributeDefinition(name = "SIM card fee (fen)", description = "SIM card fee at opening and replacement")
    long simCardFeeFen() default 1000L;

    @AttributeDefinition(name = "SIM fee waiver deposit (fen)",
            description = "A deposit of at least this much waives the SIM card fee")
    long simFeeWaiverDepositFen() default 10000L;

    @AttributeDefinition(name = "County SIM fee waiver deposit (fen)",
            description = "A deposit of at least this much waives the SIM card fee in county-town halls")
    long simFeeWaiverDepositCountyFen() default 5000L;

    @AttributeDefinition(name = "International roaming deposit (fen)",
            description = "Extra deposit when international roaming is opened")
    long intlRoamingDepositFen() default 50000L;

    @AttributeDefinition(name = "Cancellation average bill threshold (fen)",
            description = "Average bill of the last three months above which a pre-cancellation needs a prepayment")
    long cancelAvgBillThresholdFen() default 20000L;

    @AttributeDefinition(name = "Cancellation prepayment (fen)", description = "The prepayment such a pre-cancellation takes")
    long cancelPrepayFen() default 3000L;

    @AttributeDefinition(name = "Number quarantine (days)",
            description = "Days a cancelled number rests before it returns to the pool")
    int numberQuarantineDays() default 90;

    @AttributeDefinition(name = "Cancellation wait (months)",
            description = "Months a pre-cancelled number waits before its formal cancellation")
    int cancellationWaitMonths() default 3;

    @AttributeDefinition(name = "Arrears termination (days)",
            description = "Days a number stays suspended for arrears before the collection run terminates it")
    int arrearsTerminateDays() default 60;

    @AttributeDefinition(name = "Transfer minimum deposit (fen)",
            description = "Smallest deposit of the new holder after an ownership transfer")
    long transferMinDepositFen() default 20000L;

    @AttributeDefinition(name = "Transfer minimum deposit, international (fen)",
            description = "The same with international long distance open")
    long transferMinDepositIntlFen() default 50000L;

    @AttributeDefinition(name = "Arrears grace (days)",
            description = "Days after the billing period before an account in arrears is suspended")
    int arrearsGraceDays() default 30;

    @AttributeDefinition(name = "Service password attempts",
            description = "Consecutive wrong service-password attempts that lock the password (rulebook §11)")
    int servicePasswordMaxAttempts() default 5;

    @AttributeDefinition(name = "Service password lock (minutes)",
            description = "How long a locked service password stays locked; 0 locks it until the end of the business day")
    int servicePasswordLockMinutes() default 0;

    @AttributeDefinition(name = "Points per yuan",
            description = "Points a billing run earns per whole yuan charged (rulebook §8)")
    int pointsPerYuan() default 1;

    @AttributeDefinition(name = "Redemption office answer (minutes)",
            description = "Minutes the big-customer office has to confirm a corporate redemption before it expires")
    int redemptionOfficeMinutes() default 10;

    @AttributeDefinition(name = "Merchant butler standalone fee (fen)",
            description = "Monthly fee of the merchant butler's standalone edition (商户管家单机版)")
    long merchantButlerStandaloneFeeFen() default 3000L;

    @AttributeDefinition(name = "Merchant butler network fee (fen)",
            description = "Monthly fee of the merchant butler's network edition (商户管家网络版)")
    long merchantButlerNetworkFeeFen() default 5000L;

    @AttributeDefinition(name = "Merchant butler archive (years)",
            description = "Years the merchant butler's papers are kept after the contract ends (at least 3)")
    int merchantButlerArchiveYears() default 3;

    @AttributeDefinition(name = "Keep-number monthly fee (fen)",
            description = "Monthly fee of keep-number suspension (停机保号); the seeds name no amount, 5 yuan by default")
    long keepNumberMonthlyFeeFen() default 500L;
}

package org.bizhall.core.internal.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallKind;
import org.bizhall.api.hall.StaffMember;
import org.bizhall.api.loyalty.Gift;
import org.bizhall.api.service.AccountType;
import org.bizhall.api.service.NumberStatus;
import org.bizhall.api.service.PoolNumber;
import org.bizhall.api.service.Product;
import org.bizhall.api.service.SubscriberCommitments;

/** The demo data every module and the acceptance tests rely on; see the demo distribution's documentation. */
final class DemoSet {
    /** Numbers per province: one full 10,000-number block each. */
    static final int NUMBERS_PER_PROVINCE = 10_000;

    private DemoSet() {
    }

    static List<Hall> halls() {
        return List.of(
                new Hall("SN-XA-001", "西安高新营业厅", "SN",
                        Set.of(HallKind.SELF_OWNED, HallKind.DESIGNATED, HallKind.REDEMPTION), false),
                new Hall("SN-XA-002", "西安小寨合作营业厅", "SN", Set.of(HallKind.PARTNER), false),
                new Hall("SX-TY-001", "太原迎泽营业厅", "SX", Set.of(HallKind.SELF_OWNED, HallKind.DESIGNATED), false));
    }

    /** Most bench halls the demo loader adds. */
    static final int MAX_BENCH_HALLS = 99;

    /** The bench's extra halls: {@code SN-BENCH-01}… of province SN, self-owned, so any counter order fits them. */
    static List<Hall> benchHalls(int count) {
        List<Hall> halls = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            halls.add(new Hall(String.format("SN-BENCH-%02d", i), "压测营业厅 " + i, "SN", Set.of(HallKind.SELF_OWNED),
                    false));
        }
        return halls;
    }

    /** One operator per bench hall: {@code bench-01} at {@code SN-BENCH-01}, … */
    static List<StaffMember> benchStaff(int count) {
        List<StaffMember> staff = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            staff.add(new StaffMember(String.format("bench-%02d", i), String.format("SN-BENCH-%02d", i)));
        }
        return staff;
    }

    /** Hall assignments; the passwords and roles of these users are in the distribution's JAAS realm. */
    static List<StaffMember> staff() {
        return List.of(
                new StaffMember("op-sn", "SN-XA-001"),
                new StaffMember("op-sn2", "SN-XA-002"),
                new StaffMember("mgr-sn", "SN-XA-001"),
                new StaffMember("bo-sn", "SN-XA-001"),
                new StaffMember("op-sx", "SX-TY-001"));
    }

    static List<Product> products() {
        return List.of(
                new Product("GOTONE-88", "全球通88元套餐", "全球通", 8800, "PACKAGE", List.of()),
                new Product("GOTONE-128", "全球通128元套餐", "全球通", 12800, "PACKAGE", List.of()),
                new Product("MZONE-18", "动感地带18元套餐", "动感地带", 1800, "PACKAGE", List.of()),
                new Product("MZONE-38", "动感地带38元套餐", "动感地带", 3800, "PACKAGE", List.of()),
                new Product("EASYOWN-BASIC", "神州行畅听卡", "神州行", 1000, "DAILY", List.of()));
    }

    /** The gifts of points redemption as the contract fixes them: points each, stock, and what a top-up credits. */
    static List<Gift> gifts() {
        return List.of(
                new Gift("UMBRELLA", "雨伞", 500, 50, 0),
                new Gift("POWER-BANK", "充电宝", 2000, 10, 0),
                new Gift("TOP-UP-50", "50元话费", 5000, 100, 5000),
                new Gift("THERMOS", "保温杯", 800, 0, 0));
    }

    /** The number blocks: the first number of each province's block. */
    static List<PoolNumber> numbers(String province) {
        long first = switch (province) {
            case "SN" -> 13891800000L;
            case "SX" -> 13935100000L;
            default -> throw new IllegalArgumentException("no demo numbers for province " + province);
        };
        List<PoolNumber> numbers = new ArrayList<>(NUMBERS_PER_PROVINCE);
        for (int i = 0; i < NUMBERS_PER_PROVINCE; i++) {
            String msisdn = Long.toString(first + i);
            numbers.add(new PoolNumber(msisdn, province, NumberStatus.AVAILABLE, prestoreFen(msisdn), null, null, null));
        }
        return numbers;
    }

    static List<String> provinces() {
        return List.of("SN", "SX");
    }

    /** Lucky numbers carry a prestore: ending 8888 → 200 yuan, 888 → 100 yuan, 88 → 50 yuan. */
    static long prestoreFen(String msisdn) {
        if (msisdn.endsWith("8888")) {
            return 20000;
        }
        if (msisdn.endsWith("888")) {
            return 10000;
        }
        if (msisdn.endsWith("88")) {
            return 5000;
        }
        return 0;
    }

    /**
     * A subscriber the demo starts with (brought over from the previous system: its number is outside the pool), with
     * the contract facts that bind its package (rulebook §10), so each refusal of a package change can be tried.
     */
    record DemoSubscriber(String msisdn, String province, String hall, Customer holder, String packageCode,
            long depositFen, Set<String> commitments, AccountType payer) {
    }

    static List<DemoSubscriber> subscribers() {
        return List.of(
                demoSubscriber("13891810001", "王芳", "610103198003150026", Set.of()),
                demoSubscriber("13891810002", "李强", "610103197606200032", Set.of(SubscriberCommitments.AGREEMENT_NUMBER)),
                demoSubscriber("13891810003", "赵敏", "610103199011080042", Set.of(SubscriberCommitments.SUBSIDISED_PHONE)),
                demoSubscriber("13891810004", "孙丽", "61010319880229005X", Set.of(SubscriberCommitments.PREPAID_PROMOTION)),
                // rulebook §5: a personal holder paying by bank collection, whose over-deducted debits bank-refund
                // refunds; the bank's debits left 300 yuan on the account
                new DemoSubscriber("13891810005", "SN", "SN-XA-001", new Customer(CustomerType.PERSONAL, "刘洋",
                        IdType.ID_CARD, "610103198503150022", "陕西省西安市雁塔区小寨东路1号"), "GOTONE-88", 30000,
                        Set.of(), AccountType.BANK_COLLECTION));
    }

    private static DemoSubscriber demoSubscriber(String msisdn, String name, String idNumber, Set<String> commitments) {
        return new DemoSubscriber(msisdn, "SN", "SN-XA-001",
                new Customer(CustomerType.PERSONAL, name, IdType.ID_CARD, idNumber, "陕西省西安市雁塔区科技路1号"),
                "GOTONE-88", 20000, commitments, AccountType.CASH_PREPAID);
    }
}

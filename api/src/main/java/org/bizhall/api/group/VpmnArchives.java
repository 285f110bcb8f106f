package org.bizhall.api.group;

import java.time.LocalDate;

/** The rulebook's archive deadline (§6: handed to the big-customer office "by the 25th of each month"). */
public final class VpmnArchives {
    /** The day of the month archives are due at the office. */
    public static final int DUE_DAY = 25;

    private VpmnArchives() {
    }

    /**
     * The day the archive of an enrolment approved on {@code approvedOn} is due: the 25th of that month when approved
     * on or before the 25th, else the 25th of the next month (the month's hand-over has already gone).
     */
    public static LocalDate dueOn(LocalDate approvedOn) {
        LocalDate thisMonth = approvedOn.withDayOfMonth(DUE_DAY);
        return approvedOn.isAfter(thisMonth) ? thisMonth.plusMonths(1) : thisMonth;
    }
}

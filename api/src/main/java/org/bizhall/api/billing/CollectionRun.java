package org.bizhall.api.billing;

import java.util.List;

/**
 * What a collection run did on {@code date}: accounts in arrears found, notices recorded, numbers suspended, and
 * numbers terminated ({@code CANCELLED}) because they stayed suspended for arrears {@code arrearsTerminateDays}.
 */
public record CollectionRun(String date, int overdue, int reminders, int suspended, List<CollectionNotice> notices,
        int terminated) {
    public CollectionRun {
        notices = List.copyOf(notices);
    }

    /** A run that terminated no number. */
    public CollectionRun(String date, int overdue, int reminders, int suspended, List<CollectionNotice> notices) {
        this(date, overdue, reminders, suspended, notices, 0);
    }
}

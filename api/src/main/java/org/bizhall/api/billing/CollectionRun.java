package org.bizhall.api.billing;

import java.util.List;

/** What a collection run did on {@code date}: accounts in arrears found, notices recorded, numbers suspended. */
public record CollectionRun(String date, int overdue, int reminders, int suspended, List<CollectionNotice> notices) {
    public CollectionRun {
        notices = List.copyOf(notices);
    }
}

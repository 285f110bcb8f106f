package org.bizhall.api.hall;

/** What a hall is allowed to do: cancellations need DESIGNATED, gift redemption REDEMPTION, group SMS SELF_OWNED. */
public enum HallKind {
    SELF_OWNED, PARTNER, REDEMPTION, DESIGNATED
}

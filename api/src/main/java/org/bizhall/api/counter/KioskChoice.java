package org.bizhall.api.counter;

/** The number the customer picked on the kiosk, with the prestore it carries; the counter then reserves it. */
public record KioskChoice(String hall, String device, String msisdn, long prestoreFen) {
}

package org.bizhall.api.care;

/**
 * Where a complaint came in (seed 001, the complaint flow chart: every channel enters one work-order system):
 * {@code HALL} the counter, {@code HOTLINE} the customer-service line, {@code ACCOUNT_MANAGER} a VIP or group customer
 * manager, {@code MARKETING} the marketing department, {@code KIOSK} a self-service terminal, {@code WEB} the online
 * hall, {@code SMS} the SMS hall.
 */
public enum TicketChannel {
    HALL, HOTLINE, ACCOUNT_MANAGER, MARKETING, KIOSK, WEB, SMS
}

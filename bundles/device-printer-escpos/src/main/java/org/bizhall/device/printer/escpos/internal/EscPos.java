package org.bizhall.device.printer.escpos.internal;

/** The ESC/POS commands this driver sends. */
final class EscPos {
    static final byte ESC = 0x1B;
    static final byte GS = 0x1D;
    static final byte FS = 0x1C;
    static final byte LF = 0x0A;

    /** ESC @: reset the printer. */
    static final byte[] INIT = {ESC, '@'};
    /** FS &: double-byte (Chinese) character mode, so GB18030 text prints as hanzi. */
    static final byte[] CHINESE_ON = {FS, '&'};
    /** FS .: back to single-byte mode. */
    static final byte[] CHINESE_OFF = {FS, '.'};
    /** GS V 66 0: feed to the cutter and cut partially. */
    static final byte[] FEED_AND_CUT = {GS, 'V', 66, 0};

    private EscPos() {
    }

    /** ESC a n: alignment 0 left, 1 centre, 2 right. */
    static byte[] align(int n) {
        return new byte[] {ESC, 'a', (byte) n};
    }

    /** ESC E n: emphasis on (1) or off (0). */
    static byte[] bold(boolean on) {
        return new byte[] {ESC, 'E', (byte) (on ? 1 : 0)};
    }

    /** GS ! n: character size; 0x11 is double width and height, 0 normal. */
    static byte[] size(int n) {
        return new byte[] {GS, '!', (byte) n};
    }

    /** ESC d n: print and feed n lines. */
    static byte[] feed(int lines) {
        return new byte[] {ESC, 'd', (byte) lines};
    }
}

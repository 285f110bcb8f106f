package org.bizhall.device.printer.escpos.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.time.format.DateTimeFormatter;

import org.bizhall.api.common.Money;
import org.bizhall.api.service.Receipt;
import org.bizhall.api.service.ReceiptLine;

/**
 * Lays a receipt out as ESC/POS bytes: Chinese text in GB18030 in double-byte mode, a title (with 重打 on a reprint),
 * the receipt number, hall, operator, time, each item with its amount in yuan, the total and, for cash, tendered and
 * change. Lines fit {@code columns} half-width cells (32 on 58 mm paper, 48 on 80 mm); a hanzi takes two.
 */
final class ReceiptLayout {
    static final Charset GB18030 = Charset.forName("GB18030");
    static final String REPRINT = "重打";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final int columns;

    private ReceiptLayout(int columns) {
        this.columns = Math.max(24, columns);
    }

    static byte[] receipt(Receipt r, boolean reprint, String title, int columns) {
        ReceiptLayout p = new ReceiptLayout(columns);
        p.begin();
        p.raw(EscPos.align(1)).raw(EscPos.size(0x11)).raw(EscPos.bold(true));
        p.line(title);
        if (reprint) {
            p.line("【" + REPRINT + "】");
        }
        p.raw(EscPos.size(0)).raw(EscPos.bold(false)).raw(EscPos.align(0));
        p.rule();
        p.pair("收据号", r.number());
        p.pair("营业厅", text(r.hall()));
        p.pair("操作员", text(r.operator()));
        if (r.msisdn() != null) {
            p.pair("号码", r.msisdn());
        }
        if (r.issuedAt() != null) {
            p.pair("时间", TIME.format(r.issuedAt()));
        }
        p.rule();
        if (r.lines() != null) {
            for (ReceiptLine item : r.lines()) {
                p.pair(item.description() == null || item.description().isBlank() ? text(item.code()) : item.description(),
                        Money.yuan(item.amountFen()));
            }
        }
        p.rule();
        p.raw(EscPos.bold(true));
        p.pair("合计(元)", Money.yuan(r.totalFen()));
        p.raw(EscPos.bold(false));
        p.pair("付款方式", text(r.method()));
        if (r.tenderedFen() != 0 || r.changeFen() != 0) {
            p.pair("实收(元)", Money.yuan(r.tenderedFen()));
            p.pair("找零(元)", Money.yuan(r.changeFen()));
        }
        if (reprint) {
            p.line(REPRINT + " 第" + Math.max(1, r.reprints()) + "次");
        }
        p.end();
        return p.out.toByteArray();
    }

    static byte[] testPage(String deviceId, String title, int columns) {
        ReceiptLayout p = new ReceiptLayout(columns);
        p.begin();
        p.raw(EscPos.align(1));
        p.line(title);
        p.line("打印测试 test page");
        p.line(deviceId);
        p.raw(EscPos.align(0));
        p.end();
        return p.out.toByteArray();
    }

    private void begin() {
        raw(EscPos.INIT).raw(EscPos.CHINESE_ON);
    }

    private void end() {
        raw(EscPos.feed(3)).raw(EscPos.FEED_AND_CUT).raw(EscPos.CHINESE_OFF);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private ReceiptLayout raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    private void line(String text) {
        out.writeBytes(text.getBytes(GB18030));
        out.write(EscPos.LF);
    }

    private void rule() {
        line("-".repeat(columns));
    }

    /** {@code left} and {@code right} on one line, right-aligned; on two when they do not fit together. */
    private void pair(String left, String right) {
        int gap = columns - width(left) - width(right);
        if (gap < 1) {
            line(left);
            line(" ".repeat(Math.max(0, columns - width(right))) + right);
        } else {
            line(left + " ".repeat(gap) + right);
        }
    }

    /** Half-width cells: ASCII takes one, a hanzi (any wider character) two. */
    static int width(String text) {
        int w = 0;
        for (int i = 0; i < text.length(); i++) {
            w += text.charAt(i) < 0x80 ? 1 : 2;
        }
        return w;
    }
}

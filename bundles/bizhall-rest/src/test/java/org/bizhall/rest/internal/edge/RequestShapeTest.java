package org.bizhall.rest.internal.edge;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import org.bizhall.api.common.ProblemException;
import org.junit.Test;

/** Issue 8 defects 4 and 5: what the HTTP runtime would fail on is refused as a 400 problem before it gets there. */
public class RequestShapeTest {

    private static ProblemException refused(Runnable check) {
        try {
            check.run();
        } catch (ProblemException e) {
            return e;
        }
        fail("not refused");
        return null;
    }

    @Test
    public void malformedPercentEncodingInAQueryIs400NamingTheParameter_defect4() {
        ProblemException e = refused(() -> RequestShape.checkQuery("msisdn=%zz"));
        assertEquals(400, e.status());
        assertEquals(RequestShape.QUERY_ENCODING_INVALID, e.code());
        assertEquals("msisdn", e.field());
        assertEquals("limit", refused(() -> RequestShape.checkQuery("offset=0&limit=%zz")).field());
        assertEquals("pattern", refused(() -> RequestShape.checkQuery("pattern=*8%")).field());
        assertEquals("pattern", refused(() -> RequestShape.checkQuery("pattern=%8")).field());
        assertNull("a bad name is not echoed", refused(() -> RequestShape.checkQuery("%zz=1")).field());
    }

    @Test
    public void percentEncodedBytesThatAreNotUtf8Are400_defect4() {
        assertEquals("procedure", refused(() -> RequestShape.checkQuery("procedure=%C0%AE")).field());
        assertEquals("msisdn", refused(() -> RequestShape.checkQuery("msisdn=%FF%FE")).field());
        refused(() -> RequestShape.checkPath("/api/v1/orders/%E0%A4"));
    }

    @Test
    public void wellFormedQueriesAndPathsPass() {
        RequestShape.checkQuery(null);
        RequestShape.checkQuery("");
        RequestShape.checkQuery("msisdn=13891800088&limit=10&offset=0");
        RequestShape.checkQuery("pattern=*88&prefix=139&flag&empty=");
        RequestShape.checkQuery("name=%E5%BC%A0%E4%B8%89&plus=a+b&x=%25");
        RequestShape.checkPath("/api/v1/orders/abc-123");
        RequestShape.checkPath("/api/v1/receipts/SN%2D1");
        assertEquals("张三", RequestShape.decode("%E5%BC%A0%E4%B8%89"));
        assertEquals("张三", RequestShape.decode("张三"));
    }

    @Test
    public void unknownCharsetIs400CharsetUnsupported_defect5() {
        ProblemException e = refused(() -> RequestShape.checkCharset("application/json; charset=bogus"));
        assertEquals(400, e.status());
        assertEquals(RequestShape.CHARSET_UNSUPPORTED, e.code());
        refused(() -> RequestShape.checkCharset("application/json;charset=\"no such thing\""));
        refused(() -> RequestShape.checkCharset("application/json; charset=%%%; foo=bar"));
        refused(() -> RequestShape.checkCharset("application/json; CHARSET=x-unknown-42"));
    }

    @Test
    public void knownOrAbsentCharsetsPass() {
        RequestShape.checkCharset(null);
        RequestShape.checkCharset("application/json");
        RequestShape.checkCharset("application/json; charset=UTF-8");
        RequestShape.checkCharset("application/json;charset=\"utf-8\"");
        RequestShape.checkCharset("application/json; charset=ISO-8859-1; q=1");
        RequestShape.checkCharset("application/json; charset=");
    }

    @Test
    public void requestIdsAreKeptWhenSaneAndMadeOtherwise() {
        assertEquals("branch-42.a:b_c", RequestIds.accept("branch-42.a:b_c"));
        String made = RequestIds.accept("not sane\r\nX-Injected: 1");
        assertEquals(36, made.length());
        assertEquals(36, RequestIds.accept("x".repeat(65)).length());
        assertEquals(36, RequestIds.accept(null).length());
        assertEquals(36, RequestIds.accept("张三").length());
    }
}

package org.bizhall.api.procedure;

/** Service properties a {@link Procedure} or {@link ProcedureStepHook} registers with. */
public final class ProcedureProperties {
    /** The procedure id, e.g. {@code account-opening}. */
    public static final String PROCEDURE = "bizhall.procedure";
    /** The province code the provider is for, or {@link #NATIONAL}. */
    public static final String PROVINCE = "bizhall.province";
    /** The province value of a national default. */
    public static final String NATIONAL = "*";

    private ProcedureProperties() {
    }
}

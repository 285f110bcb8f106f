package org.bizhall.api.procedure.kit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.bizhall.api.procedure.ProcedureProperties;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Names the procedure a component provides, in one place. As a DS component property type it becomes the service
 * properties the engine's registry resolves by ({@code bizhall.procedure}, {@code bizhall.province}); {@link
 * KitProcedure} reads the same annotation at runtime for the descriptor's id and the resources it loads, so the id
 * cannot be written twice.
 * <pre>
 * &#64;ProcedureProvider(procedure = "account-opening", province = "SN")
 * &#64;ServiceRanking(100)
 * &#64;Component(service = Procedure.class)
 * public class ShaanxiOpening extends KitProcedure { ... }
 * </pre>
 * A province override ranks itself with the standard {@code @ServiceRanking} (DS: {@code service.ranking}); a
 * component property type prefixes every element alike, so the ranking cannot be an element of this one.
 */
@ComponentPropertyType
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ProcedureProvider {
    /** DS prefixes every element's name with this: {@code procedure} → {@value ProcedureProperties#PROCEDURE}. */
    String PREFIX_ = "bizhall.";

    /** The procedure id, e.g. {@code account-opening}; also names the bundle resources the descriptor is read from. */
    String procedure();

    /** The province code this provider is for, or {@value ProcedureProperties#NATIONAL} for the national default. */
    String province() default ProcedureProperties.NATIONAL;
}

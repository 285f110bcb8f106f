package org.bizhall.rest.internal.resource;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.ws.rs.Consumes;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.common.TextLimits;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.service.CustomerCategories;
import org.bizhall.api.service.CustomerCategorySetting;
import org.bizhall.rest.internal.auth.Callers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code PUT /customers/{idType}/{idNumber}/categories} (rulebook §14): a manager or the back office sets a customer's
 * categories in their province, with the reason; every subscriber of the customer there shows them. The answer shows
 * the identity number masked, as every answer does.
 */
@Component(service = CustomerCategoryResource.class)
@Path("customers/{idType}/{idNumber}/categories")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerCategoryResource {
    private final CustomerCategories categories;

    @Activate
    public CustomerCategoryResource(@Reference CustomerCategories categories) {
        this.categories = categories;
    }

    /** The body: the categories to hold from now on (several at once, or none for NORMAL) and why. */
    public record CategoryChange(List<String> categories, String reason) {
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public CustomerCategorySetting set(@PathParam("idType") String idType, @PathParam("idNumber") String idNumber,
            CategoryChange request, @Context SecurityContext security) {
        CategoryChange body = OrderResource.require(request);
        IdType type = idType(idType);
        TextLimits.bounded(idNumber, TextLimits.ID_NUMBER, "idNumber");
        TextLimits.bounded(body.reason(), TextLimits.NOTE, "reason");
        Set<String> words = null;
        if (body.categories() != null) {
            words = new LinkedHashSet<>();
            for (String word : body.categories()) {
                if (word == null || !CustomerCategories.ALL.contains(word.trim().toUpperCase(Locale.ROOT))) {
                    throw ProblemException.badRequest("CATEGORY_INVALID",
                            "categories are words of " + CustomerCategories.ALL, "categories");
                }
                words.add(word.trim().toUpperCase(Locale.ROOT));
            }
        }
        return categories.set(Callers.of(security), type, idNumber, words, body.reason());
    }

    private static IdType idType(String value) {
        try {
            return IdType.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.badRequest("ID_TYPE_INVALID", "idType must be one of "
                    + List.of(IdType.values()), "idType");
        }
    }
}

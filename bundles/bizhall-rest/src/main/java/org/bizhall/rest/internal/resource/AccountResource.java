package org.bizhall.rest.internal.resource;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.service.Account;
import org.bizhall.api.service.AccountService;
import org.bizhall.rest.internal.auth.Callers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Accounts of the caller's province: the balance and the immutable ledger entries it is the sum of. */
@Component(service = AccountResource.class)
@Path("accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {
    private final AccountService accounts;

    @Activate
    public AccountResource(@Reference AccountService accounts) {
        this.accounts = accounts;
    }

    @GET
    @Path("{id}")
    public Views.AccountView get(@PathParam("id") String id, @Context SecurityContext security) {
        return Views.AccountView.of(visible(Callers.of(security), id));
    }

    @GET
    @Path("{id}/ledger")
    public Response ledger(@PathParam("id") String id, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit, @Context SecurityContext security) {
        Account account = visible(Callers.of(security), id);
        return Requests.page(accounts.ledger(account.id(), Requests.offset(offset), Requests.limit(limit)));
    }

    private Account visible(Caller caller, String id) {
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw notFound();
        }
        Account account = accounts.find(number).orElseThrow(AccountResource::notFound);
        caller.requireProvince(account.province());
        return account;
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("ACCOUNT_NOT_FOUND", "there is no such account");
    }
}

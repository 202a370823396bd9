package dev.upsert.spring.app;

import dev.upsert.UpsertResult;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

@Service
public class AccountService {

    private final AccountRepository accounts;

    public AccountService(AccountRepository accounts) {
        this.accounts = accounts;
    }

    /** An upsert and a derived query in one service transaction. */
    @Transactional
    public UpsertResult importAndRename(List<Account> extract, String number, String owner) {
        UpsertResult result = accounts.upsertAll(extract);
        accounts.findByNumber(number).orElseThrow().owner = owner;
        return result;
    }

    /** Fails after the upsert: the whole transaction, upsert included, rolls back. */
    @Transactional
    public void importThenFail(List<Account> extract) {
        accounts.upsertAll(extract);
        throw new IllegalStateException("downstream step failed");
    }
}

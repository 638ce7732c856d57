package com.mindflow.auth.account;

import org.springframework.http.HttpStatus;

import com.mindflow.auth.web.ApiProblem;

/** The account refusals a client can meet. Each says no more than needed. */
final class AccountProblems {

    private AccountProblems() {
    }

    static ApiProblem wrongPassword(String field) {
        return new ApiProblem(HttpStatus.FORBIDDEN, "wrong-password", "The password is not correct", field, null);
    }

    static ApiProblem invalidLink() {
        return invalidLink("token");
    }

    static ApiProblem invalidLink(String field) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-token",
                "The link is invalid, expired or already used", field, null);
    }
}

package com.mindflow.auth.web;

import org.springframework.http.HttpStatus;

/** Something of the caller's that does not exist — also what another user's resource looks like. */
public class NotFound extends ApiProblem {

    public NotFound(String what) {
        super(HttpStatus.NOT_FOUND, "not-found", "No such " + what);
    }
}

package com.mindflow.auth.web;

import org.springframework.http.HttpStatus;

/** A 400 naming the offending request field. */
public class InvalidField extends ApiProblem {

    public InvalidField(String field, String detail) {
        super(HttpStatus.BAD_REQUEST, "invalid-field", detail, field, null);
    }
}

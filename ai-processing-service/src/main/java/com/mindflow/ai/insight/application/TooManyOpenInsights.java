package com.mindflow.ai.insight.application;

/** The user already waits for the most custom insights one may wait for at a time. */
public class TooManyOpenInsights extends RuntimeException {

    public TooManyOpenInsights(int limit) {
        super("At most " + limit + " custom insights can be pending at a time");
    }
}

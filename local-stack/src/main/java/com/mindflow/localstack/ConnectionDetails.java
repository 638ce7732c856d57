package com.mindflow.localstack;

import java.util.Map;

/**
 * How clients reach a server, written by {@code up} to {@code .mindflow/run/servers.properties}
 * (read by test-support and printed by {@code up}). Keys are prefixed with the server's name.
 */
public interface ConnectionDetails {

    Map<String, String> connectionProperties();
}

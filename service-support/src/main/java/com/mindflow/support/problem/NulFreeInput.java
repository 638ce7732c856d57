package com.mindflow.support.problem;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.servlet.HandlerInterceptor;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * No text with the NUL character gets in: PostgreSQL cannot store it in {@code text} or {@code jsonb} and answers
 * with an error that used to surface as a 500 after the request had been accepted (found by the fuzzer). Refused at
 * the door instead, as a 400 naming the field: in JSON bodies by the request mapper's string reader, in query and
 * form parameters by an interceptor.
 */
public final class NulFreeInput {

    private static final char NUL = '\u0000';

    private NulFreeInput() {
    }

    /** For the request bodies' mapper: every JSON string, also inside lists and maps. */
    public static SimpleModule jsonModule() {
        return new SimpleModule("nul-free-strings").addDeserializer(String.class, new Strings());
    }

    /** For the handler chain: every query and form parameter, name and value. */
    public static HandlerInterceptor parameters() {
        return new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                    throws ServletRequestBindingException {
                for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
                    boolean nul = parameter.getKey().indexOf(NUL) >= 0;
                    for (String value : parameter.getValue()) {
                        nul |= value != null && value.indexOf(NUL) >= 0;
                    }
                    if (nul) {
                        throw new NulInParameter(parameter.getKey().replace(NUL, '?'));
                    }
                }
                return true;
            }
        };
    }

    /** A query or form parameter held the NUL character. */
    public static final class NulInParameter extends ServletRequestBindingException {

        private final String parameter;

        NulInParameter(String parameter) {
            super("Parameter '" + parameter + "' must not contain the NUL character");
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    static final class Strings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String value = super.deserialize(parser, context);
            if (value != null && value.indexOf(NUL) >= 0) {
                throw InvalidFormatException.from(parser, "must not contain the NUL character", value, String.class);
            }
            return value;
        }
    }
}

package dev.blau.auth;

import jakarta.enterprise.context.ApplicationScoped;

import dev.blau.common.ServiceName;

@ApplicationScoped
public class AuthServiceName implements ServiceName {

    @Override
    public String value() {
        return "auth";
    }
}

package dev.blau.chat;

import jakarta.enterprise.context.ApplicationScoped;

import dev.blau.common.ServiceName;

@ApplicationScoped
public class ChatServiceName implements ServiceName {

    @Override
    public String value() {
        return "chat";
    }
}

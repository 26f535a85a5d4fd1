package dev.blau.chat.rooms.boundary;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code {"name","description"?,"visibility","members"?:[userId]}} */
public record NewRoom(
        @NotBlank(message = "must not be blank") @Size(max = 80, message = "must be at most 80 characters") String name,
        @Size(max = 500, message = "must be at most 500 characters") String description,
        @NotNull(message = "must be public or private")
        @Pattern(regexp = "public|private", message = "must be public or private") String visibility,
        @Size(max = 100, message = "at most 100 members at creation") List<@NotBlank String> members) {
}

package dev.blau.chat.retention.boundary;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import dev.blau.chat.retention.control.RetentionPolicy;

/** {@code {"days"}}: how long messages are kept, 1 to 3650 days; {@code null}: for good. */
public record RetentionDays(
        @Min(value = RetentionPolicy.MIN_DAYS, message = "must be at least 1 day, or null to keep messages for good")
        @Max(value = RetentionPolicy.MAX_DAYS, message = "must be at most 3650 days (ten years), or null to keep messages for good")
        Integer days) {
}

package dev.blau.common;

/**
 * Which BLAU service a deployment is ({@code auth} or {@code chat}): names its PostgreSQL
 * schema and prefixes its health checks. Each application provides one bean of this type,
 * rather than a config property, because in the EAR the properties file of a WAR is not
 * visible while CDI validates the injection points.
 */
public interface ServiceName {

    String value();
}

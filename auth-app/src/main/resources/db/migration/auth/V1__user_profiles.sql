-- One row per BLAU user, keyed by the Keycloak subject. Keycloak owns credentials;
-- this table owns what BLAU shows about a person.
CREATE TABLE user_profile (
    id              VARCHAR(64)  PRIMARY KEY,          -- Keycloak subject (sub)
    username        VARCHAR(64)  NOT NULL,
    email           VARCHAR(254) NOT NULL,
    display_name    VARCHAR(100) NOT NULL,
    locale          VARCHAR(16),
    status_message  VARCHAR(140),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX user_profile_username_uq ON user_profile (lower(username));
CREATE UNIQUE INDEX user_profile_email_uq ON user_profile (lower(email));

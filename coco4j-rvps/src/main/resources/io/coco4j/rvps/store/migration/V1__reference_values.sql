-- Reference values with their provenance. Times are epoch seconds (UTC) so that SQLite and
-- PostgreSQL store them alike.
CREATE TABLE rvps_reference_value (
    name           VARCHAR(1024) NOT NULL PRIMARY KEY,
    version        VARCHAR(32)   NOT NULL,
    value_json     TEXT          NOT NULL,
    expires_at     BIGINT        NOT NULL,
    provider       VARCHAR(64)   NOT NULL,
    source_digest  VARCHAR(160)  NOT NULL,
    signer_key_ids TEXT          NOT NULL,
    registered_at  BIGINT        NOT NULL
);

-- One table per namespace, named after it, with the columns of the reference's PostgreSQL
-- key-value store ("key" text primary key, "value" bytes), so a database the reference filled
-- opens unchanged. Tables that already exist are kept as they are.
CREATE TABLE IF NOT EXISTS "kbs" ("key" TEXT PRIMARY KEY, "value" ${binary});
CREATE TABLE IF NOT EXISTS "repository" ("key" TEXT PRIMARY KEY, "value" ${binary});
CREATE TABLE IF NOT EXISTS "kbs_protocol_session" ("key" TEXT PRIMARY KEY, "value" ${binary});
CREATE TABLE IF NOT EXISTS "attestation_service_policy" ("key" TEXT PRIMARY KEY, "value" ${binary});
CREATE TABLE IF NOT EXISTS "reference_value" ("key" TEXT PRIMARY KEY, "value" ${binary});
CREATE TABLE IF NOT EXISTS "audit_log" ("key" TEXT PRIMARY KEY, "value" ${binary});
CREATE TABLE IF NOT EXISTS "audit_checkpoint" ("key" TEXT PRIMARY KEY, "value" ${binary});

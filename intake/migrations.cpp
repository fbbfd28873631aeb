// The intake schema, version by version (see migrations.h and docs/intake.md "Schema").
#include "intake/migrations.h"

#include <iostream>

#include <stdexcept>
#include <string>
#include <vector>

namespace intake {

namespace {

// Never edit a migration that has shipped: add the next one.
const std::vector<const char*>& migrations() {
  static const std::vector<const char*> m = {
      // 1: kiosks, statuses, submissions (sealed at rest), status history, heartbeats.
      R"SQL(
CREATE TABLE kiosks (
  name                 text PRIMARY KEY,
  kiosk_id             text NOT NULL,
  collector_public_key text NOT NULL,
  token_sha256         text NOT NULL UNIQUE,
  registered_at        timestamptz NOT NULL DEFAULT now(),
  revoked_at           timestamptz
);
-- One live registration per kiosk id: a signer's key is never ambiguous.
CREATE UNIQUE INDEX kiosks_live_kiosk_id ON kiosks (kiosk_id) WHERE revoked_at IS NULL;

CREATE TABLE request_statuses (
  status        text PRIMARY KEY,
  position      integer NOT NULL,
  label_en      text NOT NULL,
  label_es      text NOT NULL,
  next_step_en  text NOT NULL,
  next_step_es  text NOT NULL
);
INSERT INTO request_statuses VALUES
 ('received', 1, 'Received', 'Recibida',
  'We have your request. Staff will review it; check again in a few business days.',
  'Tenemos su solicitud. El personal la revisará; vuelva a consultar en unos días hábiles.'),
 ('in_progress', 2, 'In progress', 'En trámite',
  'Staff are working on your request. No action is needed from you yet.',
  'El personal está trabajando en su solicitud. Por ahora no necesita hacer nada.'),
 ('ready_for_pickup', 3, 'Ready for pickup', 'Lista para recoger',
  'Your request is ready. Bring a photo ID and your confirmation code to the front desk.',
  'Su solicitud está lista. Traiga una identificación con foto y su código de confirmación a la recepción.'),
 ('sent', 3, 'Sent', 'Enviada',
  'We have sent what you asked for by the delivery method you chose.',
  'Le enviamos lo que pidió por el medio de entrega que eligió.'),
 ('closed', 4, 'Closed', 'Cerrada',
  'This request is closed. Contact the department if you have questions.',
  'Esta solicitud está cerrada. Comuníquese con el departamento si tiene preguntas.');

CREATE TABLE submissions (
  id                     text PRIMARY KEY,
  form_id                text NOT NULL,
  form_version           integer NOT NULL,
  program_id             text,
  event_id               text,
  event_tag              text,
  created_at             text NOT NULL,           -- as signed by the kiosk (its clock)
  kiosk_id               text NOT NULL,           -- the uploading kiosk's id, as it wrote it
  collected_by_kiosk_id  text NOT NULL,
  app_version            text NOT NULL,
  signer_kiosk_id        text NOT NULL,
  sealed_to              text NOT NULL,
  sealed_payload         bytea NOT NULL,          -- crypto_box_seal bytes: never opened here
  collector_public_key   text NOT NULL,
  signature              text NOT NULL,
  confirmation_code      text,                    -- recomputed from id and the form's prefix
  uploaded_by            text NOT NULL REFERENCES kiosks(name),
  collected_by           text REFERENCES kiosks(name),  -- registered kiosk of collected_by_kiosk_id
  receipt_id             text NOT NULL UNIQUE,
  received_at            timestamptz NOT NULL DEFAULT now(),
  status                 text NOT NULL DEFAULT 'received' REFERENCES request_statuses(status),
  status_changed_at      timestamptz NOT NULL DEFAULT now(),
  public_next_step_en    text,                    -- staff's public text; NULL = the status's default
  public_next_step_es    text
);
CREATE INDEX submissions_confirmation_code ON submissions (confirmation_code);
CREATE INDEX submissions_form_received ON submissions (form_id, received_at);

-- The inbox (issue 13) records every status change here, with its internal note.
CREATE TABLE status_changes (
  id             bigserial PRIMARY KEY,
  submission_id  text NOT NULL REFERENCES submissions(id),
  from_status    text REFERENCES request_statuses(status),
  to_status      text NOT NULL REFERENCES request_statuses(status),
  changed_at     timestamptz NOT NULL DEFAULT now(),
  changed_by     text,
  internal_note  text
);

CREATE TABLE heartbeats (
  id           bigserial PRIMARY KEY,
  kiosk_name   text NOT NULL REFERENCES kiosks(name),
  received_at  timestamptz NOT NULL DEFAULT now(),
  body         jsonb NOT NULL                      -- every field the kiosk sent
);
CREATE INDEX heartbeats_kiosk_received ON heartbeats (kiosk_name, received_at DESC);
)SQL",
      // 2: the staff inbox (issue 13): accounts, sessions, and the audit trail of every open.
      R"SQL(
CREATE TABLE staff_users (
  name           text PRIMARY KEY,
  role           text NOT NULL CHECK (role IN ('records', 'programs', 'admin')),
  password_hash  text NOT NULL,                    -- crypto_pwhash_str (Argon2id)
  created_at     timestamptz NOT NULL DEFAULT now(),
  disabled_at    timestamptz,
  failed_logins  integer NOT NULL DEFAULT 0,       -- consecutive, reset by a good login
  locked_until   timestamptz
);
CREATE TABLE staff_sessions (
  token_sha256  text PRIMARY KEY,                  -- the cookie's value is never stored
  user_name     text NOT NULL REFERENCES staff_users(name),
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL
);
CREATE TABLE audit_events (
  id             bigserial PRIMARY KEY,
  at             timestamptz NOT NULL DEFAULT now(),
  user_name      text NOT NULL,
  action         text NOT NULL,                    -- open, signature, status, csv, user, kiosk, login
  submission_id  text,
  detail         text
);
CREATE INDEX audit_events_submission ON audit_events (submission_id, at);
)SQL",
  };
  return m;
}

constexpr long long kMigrationLockKey = 0x6b696f736b31;  // "kiosk1": serialises init-db runs

}  // namespace

int latest_schema_version() { return static_cast<int>(migrations().size()); }

int schema_version(pqxx::connection& c) {
  pqxx::work w(c);
  auto exists = w.exec1("SELECT to_regclass('public.schema_migrations') IS NOT NULL");
  if (!exists[0].as<bool>()) return 0;
  auto r = w.exec1("SELECT coalesce(max(version), 0) FROM schema_migrations");
  return r[0].as<int>();
}

int migrate(pqxx::connection& c) {
  {
    pqxx::work w(c);
    w.exec("SELECT pg_advisory_xact_lock(" + std::to_string(kMigrationLockKey) + ")");
    w.exec0(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, "
        "applied_at timestamptz NOT NULL DEFAULT now())");
    w.commit();
  }
  const int latest = latest_schema_version();
  for (;;) {
    pqxx::work w(c);
    w.exec("SELECT pg_advisory_xact_lock(" + std::to_string(kMigrationLockKey) + ")");
    int have = w.exec1("SELECT coalesce(max(version), 0) FROM schema_migrations")[0].as<int>();
    if (have > latest)
      throw std::runtime_error("the database schema is version " + std::to_string(have) +
                               ", newer than this kiosk-intake knows (" + std::to_string(latest) +
                               "): run the newer kiosk-intake");
    if (have == latest) return have;
    w.exec0(migrations()[static_cast<std::size_t>(have)]);
    w.exec_params0("INSERT INTO schema_migrations (version) VALUES ($1)", have + 1);
    w.commit();
  }
}

bool schema_is_current(const std::string& url) {
  pqxx::connection c(url);
  const int have = schema_version(c);
  if (have == latest_schema_version()) return true;
  std::cerr << "kiosk-intake: the database schema is version " << have
            << ", this kiosk-intake needs " << latest_schema_version()
            << ": run `kiosk-intake --config FILE init-db`\n";
  return false;
}

}  // namespace intake

// The staff inbox (see inbox.h): sessions, CSRF, lockouts, and the pages over PostgreSQL.
#include "intake/inbox.h"
#include "intake/listener.h"

#include <httplib.h>
#include <sodium.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <vector>

#include "intake/client_address.h"
#include "intake/inbox_pages.h"
#include "intake/kiosks.h"
#include "intake/migrations.h"
#include "intake/staff.h"
#include "kiosk/core/digest.h"
#include "kiosk/crypto/base64.h"
#include "kiosk/crypto/department_key.h"
#include "kiosk/crypto/key_files.h"
#include "kiosk/crypto/seal.h"
#include "kiosk/forms/form_spec.h"

namespace intake {

namespace {

using json = nlohmann::json;
using Dict = ctemplate::TemplateDictionary;

constexpr const char* kSessionCookie = "inbox_session";
constexpr const char* kLoginCookie = "inbox_login";
constexpr const char* kLangCookie = "inbox_lang";
constexpr int kSessionHours = 8;
constexpr int kAccountFailures = 5;   // consecutive failures before an account locks
constexpr int kAddressFailures = 10;  // failures from one client address within the window
constexpr int kLockMinutes = 15;

std::string random_hex(std::size_t n) {
  std::vector<unsigned char> raw(n);
  randombytes_buf(raw.data(), raw.size());
  return kiosk::hex(raw.data(), raw.size());
}

// The value of cookie `name` in a Cookie header ("a=1; b=2"), or "".
std::string cookie_value(const std::string& header, const std::string& name) {
  std::size_t pos = 0;
  while (pos < header.size()) {
    std::size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.erase(part.begin());
    if (part.size() > name.size() && part.compare(0, name.size(), name) == 0 &&
        part[name.size()] == '=')
      return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return "";
}

bool same_secret(const std::string& a, const std::string& b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// The department key pairs, by key id (several while keys rotate).
struct Keyring {
  struct Pair {
    kiosk::crypto::DepartmentPublicKey pub;
    kiosk::crypto::DepartmentSecretKey secret;
  };
  std::map<std::string, Pair> by_id;

  static Keyring load(const std::vector<std::string>& files) {
    Keyring k;
    for (const auto& path : files) {
      struct stat st {};
      if (stat(path.c_str(), &st) == 0 && (st.st_mode & 0077) != 0)
        std::cerr << "kiosk-intake: warning: " << path
                  << " is readable by other users: chmod 600 it\n";
      auto text = kiosk::crypto::detail::read_key_file(path);
      if (!text) throw std::runtime_error("cannot read department secret file " + path);
      auto secret = kiosk::crypto::DepartmentSecretKey::parse(std::string_view(*text));
      if (!secret)
        throw std::runtime_error("department secret file " + path + " " + secret.error());
      auto pub = secret->public_key();
      k.by_id.emplace(pub.key_id(), Pair{pub, std::move(*secret)});
    }
    if (k.by_id.empty())
      throw std::runtime_error(
          "[keys] department_secret_files must list the department.secret file(s): the inbox "
          "opens records with them");
    return k;
  }

  // The opened payload as JSON, or nullopt when no key opens it.
  std::optional<json> open(const std::string& sealed_to, const pqxx::binarystring& sealed) const {
    auto it = by_id.find(sealed_to);
    if (it == by_id.end()) return std::nullopt;
    auto plain =
        kiosk::crypto::open_sealed(it->second.pub, it->second.secret,
                                   std::span<const unsigned char>(sealed.data(), sealed.size()));
    if (!plain) return std::nullopt;
    auto j = json::parse(plain->begin(), plain->end(), nullptr, false);
    if (j.is_discarded()) return std::nullopt;
    return j;
  }
};

struct Session {
  std::string user, role, csrf;
};

// Failed logins per client address, in memory (per process): a window of kLockMinutes.
class AddressFailures {
 public:
  bool locked(const std::string& address) {
    std::lock_guard lock(mutex_);
    auto it = map_.find(address);
    if (it == map_.end()) return false;
    if (std::chrono::steady_clock::now() - it->second.first > std::chrono::minutes(kLockMinutes)) {
      map_.erase(it);
      return false;
    }
    return it->second.second >= kAddressFailures;
  }
  void fail(const std::string& address) {
    std::lock_guard lock(mutex_);
    auto now = std::chrono::steady_clock::now();
    auto& e = map_[address];
    if (e.second == 0 || now - e.first > std::chrono::minutes(kLockMinutes)) e = {now, 0};
    ++e.second;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::pair<std::chrono::steady_clock::time_point, int>> map_;
};

class Inbox {
 public:
  Inbox(const Config& config, bool test_clock)
      : config_(config),
        test_clock_(test_clock),
        keys_(Keyring::load(config.department_secret_files)),
        resolver_(config.trusted_proxies),
        dummy_hash_(hash_password(random_hex(16))) {}

  void routes(httplib::Server& s);

 private:
  pqxx::connection& db(bool fresh = false) {
    thread_local std::unique_ptr<pqxx::connection> conn;
    if (fresh) conn.reset();
    if (!conn || !conn->is_open()) conn = std::make_unique<pqxx::connection>(config_.database_url);
    return *conn;
  }

  std::string lang_of(const httplib::Request& req, httplib::Response& res) const;
  std::optional<Session> session(const httplib::Request& req);
  std::string cookie(const std::string& name, const std::string& value, int max_age_s) const;
  void page(httplib::Response& res, const std::string& name, Dict& dict, const std::string& title,
            const std::string& lang, const Session* s, const std::string& path, int status = 200);
  void message(httplib::Response& res, const std::string& lang, const Session* s, int status,
               const std::string& title_key, const std::string& message_key);
  std::string fleet_now() const;

  // Handlers.
  void login_form(const httplib::Request& req, httplib::Response& res, bool failed);
  void login(const httplib::Request& req, httplib::Response& res);
  void inbox(const httplib::Request& req, httplib::Response& res, const Session& s);
  void record(const httplib::Request& req, httplib::Response& res, const Session& s);
  void signature(const httplib::Request& req, httplib::Response& res, const Session& s);
  void set_status(const httplib::Request& req, httplib::Response& res, const Session& s);
  void csv(const httplib::Request& req, httplib::Response& res, const Session& s);
  void fleet(const httplib::Request& req, httplib::Response& res, const Session& s);
  void admin(const httplib::Request& req, httplib::Response& res, const Session& s,
             const std::string& notice = "", const std::string& token = "");
  void admin_page(const httplib::Request& req, httplib::Response& res, const Session& s) {
    admin(req, res, s);
  }
  void admin_post(const httplib::Request& req, httplib::Response& res, const Session& s,
                  const std::string& action);

  const Config& config_;
  bool test_clock_;
  Keyring keys_;
  ClientAddressResolver resolver_;
  AddressFailures address_failures_;
  std::string dummy_hash_;  // checked against when the account is missing, disabled or locked
};

std::string param(const httplib::Request& req, const char* name) {
  return req.has_param(name) ? req.get_param_value(name) : std::string();
}

std::string Inbox::cookie(const std::string& name, const std::string& value, int max_age_s) const {
  return name + "=" + value + "; Path=/; Max-Age=" + std::to_string(max_age_s) +
         "; HttpOnly; SameSite=Strict" + (config_.secure_cookies ? "; Secure" : "");
}

std::string Inbox::lang_of(const httplib::Request& req, httplib::Response& res) const {
  std::string q = param(req, "lang");
  if (q == "en" || q == "es") {
    res.set_header("Set-Cookie", cookie(kLangCookie, q, 365 * 24 * 3600));
    return q;
  }
  std::string c = cookie_value(req.get_header_value("Cookie"), kLangCookie);
  return c == "es" ? "es" : "en";
}

std::optional<Session> Inbox::session(const httplib::Request& req) {
  std::string token = cookie_value(req.get_header_value("Cookie"), kSessionCookie);
  if (token.size() != 64) return std::nullopt;
  pqxx::work w(db());
  auto r = w.exec_params(
      "SELECT u.name, u.role, s.csrf_token FROM staff_sessions s JOIN staff_users u ON u.name = "
      "s.user_name WHERE s.token_sha256 = $1 AND s.expires_at > now() AND u.disabled_at IS NULL",
      kiosk::sha256_hex(token));
  if (r.empty()) return std::nullopt;
  return Session{r[0][0].as<std::string>(), r[0][1].as<std::string>(), r[0][2].as<std::string>()};
}

void Inbox::page(httplib::Response& res, const std::string& name, Dict& dict,
                 const std::string& title, const std::string& lang, const Session* s,
                 const std::string& path, int status) {
  pages::add_words(dict, lang);
  Dict* head = dict.AddIncludeDictionary("HEAD");
  head->SetFilename("head");
  pages::add_words(*head, lang);
  head->SetValue("LANG", lang);
  head->SetValue("PAGE_TITLE", title);
  dict.SetValue("PAGE_TITLE", title);
  const std::string other = lang == "es" ? "en" : "es";
  head->SetValue("OTHER_LANG", other);
  head->SetValue("OTHER_LANG_URL",
                 path + (path.find('?') == std::string::npos ? "?" : "&") + "lang=" + other);
  if (s) {
    Dict* nav = head->AddSectionDictionary("NAV");
    if (s->role == "admin") nav->ShowSection("ADMIN_NAV");
    Dict* who = head->AddSectionDictionary("WHO");
    who->SetValue("USER", s->user);
    who->SetValue("ROLE", s->role);
    who->SetValue("CSRF", s->csrf);
    dict.SetValue("CSRF", s->csrf);
  }
  res.status = status;
  res.set_content(pages::render(name, dict), "text/html; charset=utf-8");
}

void Inbox::message(httplib::Response& res, const std::string& lang, const Session* s, int status,
                    const std::string& title_key, const std::string& message_key) {
  Dict dict("message");
  const std::string title = pages::word(title_key, lang);
  dict.SetValue("MESSAGE", pages::word(message_key, lang));
  page(res, "message", dict, title, lang, s, "/", status);
}

void Inbox::login_form(const httplib::Request& req, httplib::Response& res, bool failed) {
  const std::string lang = lang_of(req, res);
  // Login CSRF: the form's token must equal this cookie's (double submit), so another site cannot
  // log a browser in to an account of its choosing.
  std::string token = random_hex(32);
  res.set_header("Set-Cookie", cookie(kLoginCookie, token, 3600));
  Dict dict("login");
  const std::string title = pages::word("login", lang);
  dict.SetValue("LOGIN_CSRF", token);
  if (failed) dict.ShowSection("FAILED");
  page(res, "login", dict, title, lang, nullptr, "/login", failed ? 401 : 200);
}

void Inbox::login(const httplib::Request& req, httplib::Response& res) {
  std::string expected = cookie_value(req.get_header_value("Cookie"), kLoginCookie);
  if (!same_secret(expected, param(req, "csrf"))) {
    res.status = 403;
    res.set_content("missing or wrong CSRF token", "text/plain");
    return;
  }
  const std::string client =
      resolver_.resolve(req.remote_addr, req.get_header_value("X-Forwarded-For"));
  const std::string name = param(req, "name"), password = param(req, "password");
  if (address_failures_.locked(client)) return login_form(req, res, true);
  bool ok = false;
  {
    pqxx::work w(db());
    auto r = w.exec_params(
        "SELECT password_hash, disabled_at IS NOT NULL, coalesce(locked_until > now(), false) "
        "FROM staff_users WHERE name = $1",
        name);
    if (r.empty() || r[0][1].as<bool>() || r[0][2].as<bool>()) {
      // Same work as a real check, so timing does not tell which names exist or are locked.
      (void)password_matches(dummy_hash_, password);
    } else {
      ok = password_matches(r[0][0].as<std::string>(), password);
      if (ok) {
        w.exec_params0(
            "UPDATE staff_users SET failed_logins = 0, locked_until = NULL WHERE name = $1", name);
      } else {
        w.exec_params0(
            "UPDATE staff_users SET failed_logins = failed_logins + 1, locked_until = CASE WHEN "
            "failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) END WHERE name = $1",
            name, kAccountFailures, kLockMinutes);
      }
    }
    if (ok) {
      std::string token = random_hex(32);
      w.exec_params0(
          "INSERT INTO staff_sessions (token_sha256, user_name, csrf_token, expires_at) VALUES "
          "($1, $2, $3, now() + make_interval(hours => $4))",
          kiosk::sha256_hex(token), name, random_hex(32), kSessionHours);
      w.exec_params0("INSERT INTO audit_events (user_name, action) VALUES ($1, 'login')", name);
      w.commit();
      res.set_header("Set-Cookie", cookie(kSessionCookie, token, kSessionHours * 3600));
      res.set_redirect("/", 303);
      return;
    }
    w.commit();
  }
  address_failures_.fail(client);
  login_form(req, res, true);
}

// Forms each role opens (role_for_form's inverse, for the list).
std::vector<std::string> forms_of(const std::string& role) {
  std::vector<std::string> out;
  for (const char* f : {"crash_report", "records_request", "signup"})
    if (role_for_form(f) == role) out.push_back(f);
  return out;
}

void status_options(pqxx::work& w, Dict& dict, const std::string& lang,
                    const std::string& selected) {
  for (const auto& row : w.exec(
           "SELECT status, label_en, label_es FROM request_statuses ORDER BY position, status")) {
    Dict* o = dict.AddSectionDictionary("STATUS_OPT");
    o->SetValue("VALUE", row[0].as<std::string>());
    o->SetValue("LABEL", row[lang == "es" ? 2 : 1].as<std::string>());
    if (row[0].as<std::string>() == selected) o->ShowSection("SEL");
  }
}

void Inbox::inbox(const httplib::Request& req, httplib::Response& res, const Session& s) {
  const std::string lang = lang_of(req, res);
  Dict dict("inbox");
  const std::string title = pages::word("inbox", lang);
  const std::string f_form = param(req, "form"), f_status = param(req, "status"),
                    f_program = param(req, "program"), f_event = param(req, "event"),
                    f_tag = param(req, "tag"), f_age = param(req, "age");
  std::string f_code = param(req, "code");
  for (char& ch : f_code)
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  dict.SetValue("F_CODE", f_code);
  dict.SetValue("F_PROGRAM", f_program);
  dict.SetValue("F_EVENT", f_event);
  dict.SetValue("F_TAG", f_tag);
  dict.SetValue("F_AGE", f_age);
  const auto forms = forms_of(s.role);
  for (const auto& f : forms) {
    Dict* o = dict.AddSectionDictionary("FORM_OPT");
    o->SetValue("VALUE", f);
    if (f == f_form) o->ShowSection("SEL");
  }
  if (s.role == "programs") dict.ShowSection("CSV");
  int age_days = 0;
  try {
    age_days = f_age.empty() ? 0 : std::max(0, std::stoi(f_age));
  } catch (const std::exception&) {
    age_days = 0;
  }
  pqxx::work w(db());
  status_options(w, dict, lang, f_status);
  std::string allowed = "{";
  for (std::size_t i = 0; i < forms.size(); ++i) allowed += (i ? "," : "") + forms[i];
  allowed += "}";
  // Every filter is a parameter; an empty one matches everything.
  auto rows = w.exec_params(
      "SELECT s.id, to_char(s.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
      "coalesce(s.confirmation_code, ''), s.form_id, coalesce(s.program_id, ''), "
      "coalesce(s.event_id, ''), coalesce(s.event_tag, ''), st.label_en, st.label_es "
      "FROM submissions s JOIN request_statuses st ON st.status = s.status "
      "WHERE s.form_id = ANY($1::text[]) AND ($2 = '' OR s.form_id = $2) "
      "AND ($3 = '' OR s.status = $3) AND ($4 = '' OR s.program_id = $4) "
      "AND ($5 = '' OR s.event_id = $5) AND ($6 = '' OR s.event_tag = $6) "
      "AND ($7 = 0 OR s.received_at > now() - make_interval(days => $7)) "
      "AND ($8 = '' OR s.confirmation_code = $8) ORDER BY s.received_at DESC LIMIT 500",
      allowed, f_form, f_status, f_program, f_event, f_tag, age_days, f_code);
  for (const auto& r : rows) {
    Dict* d = dict.AddSectionDictionary("ROW");
    d->SetValue("ID", r[0].as<std::string>());
    d->SetValue("RECEIVED", r[1].as<std::string>());
    d->SetValue("CODE", r[2].as<std::string>());
    d->SetValue("FORM", r[3].as<std::string>());
    d->SetValue("PROGRAM", r[4].as<std::string>());
    d->SetValue("EVENT", r[5].as<std::string>());
    d->SetValue("TAG", r[6].as<std::string>());
    d->SetValue("STATUS", r[lang == "es" ? 8 : 7].as<std::string>());
  }
  if (rows.empty()) dict.ShowSection("EMPTY");
  page(res, "inbox", dict, title, lang, &s, "/");
}

// A label in `lang` from a {"en": ..., "es": ...} object, else English, else "".
std::string label_in(const json& labels, const std::string& lang) {
  if (!labels.is_object()) return labels.is_string() ? labels.get<std::string>() : "";
  for (const std::string& l : {lang, std::string("en")})
    if (labels.contains(l) && labels[l].is_string()) return labels[l].get<std::string>();
  for (const auto& [k, v] : labels.items())
    if (v.is_string()) return v.get<std::string>();
  return "";
}

std::string value_text(const json& v, const json& field_labels, const std::string& lang) {
  const json* choices = field_labels.is_object() && field_labels.contains("choices")
                            ? &field_labels["choices"]
                            : nullptr;
  auto one = [&](const json& x) -> std::string {
    if (x.is_string()) {
      const std::string s = x.get<std::string>();
      if (choices && choices->is_object() && choices->contains(s)) {
        std::string l = label_in((*choices)[s], lang);
        if (!l.empty()) return l;
      }
      return s;
    }
    if (x.is_boolean()) return pages::word(x.get<bool>() ? "yes" : "no", lang);
    if (x.is_null()) return "—";
    return x.dump();
  };
  // A consent answer: {"agreed": true, "text_sha256": ...}: what matters is yes or no.
  if (v.is_object() && v.contains("agreed") && v["agreed"].is_boolean())
    return pages::word(v["agreed"].get<bool>() ? "yes" : "no", lang);
  if (v.is_array()) {
    std::string out;
    for (const auto& x : v) out += (out.empty() ? "" : ", ") + one(x);
    return out;
  }
  return one(v);
}

bool is_drawn_signature(const json& v) {
  return v.is_object() && v.contains("png_base64") && v["png_base64"].is_string();
}

// A kiosk visitor who could not draw typed their full name instead: {"typed_name": "..."}.
bool is_typed_signature(const json& v) {
  return v.is_object() && v.size() == 1 && v.contains("typed_name") && v["typed_name"].is_string();
}

std::string typed_signature_text(const json& v, const std::string& lang) {
  return pages::word("signature_typed", lang) + " " + v["typed_name"].get<std::string>();
}

void Inbox::record(const httplib::Request& req, httplib::Response& res, const Session& s) {
  const std::string lang = lang_of(req, res);
  const std::string id = req.matches[1];
  pqxx::work w(db());
  auto r = w.exec_params(
      "SELECT s.form_id, s.form_version, coalesce(s.confirmation_code, ''), s.status, "
      "st.label_en, st.label_es, to_char(s.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD "
      "HH24:MI'), coalesce(s.program_id, ''), coalesce(s.event_id, ''), coalesce(s.event_tag, "
      "''), coalesce(s.collected_by, s.collected_by_kiosk_id), s.sealed_to, s.sealed_payload "
      "FROM submissions s JOIN request_statuses st ON st.status = s.status WHERE s.id = $1",
      id);
  if (r.empty()) return message(res, lang, &s, 404, "record", "none");
  const std::string form = r[0][0].as<std::string>();
  if (role_for_form(form) != s.role) {
    w.exec_params0(
        "INSERT INTO audit_events (user_name, action, submission_id, detail) VALUES ($1, "
        "'refused', $2, 'role cannot open this form')",
        s.user, id);
    w.commit();
    return message(res, lang, &s, 403, "forbidden", "cannot_open");
  }
  // The audit event is written before anything decrypted leaves the process.
  w.exec_params0(
      "INSERT INTO audit_events (user_name, action, submission_id) VALUES ($1, 'open', $2)", s.user,
      id);
  auto payload = keys_.open(r[0][11].as<std::string>(), pqxx::binarystring(r[0][12]));
  Dict dict("record");
  const std::string title = pages::word("record", lang) + " " + r[0][2].as<std::string>();
  dict.SetValue("ID", id);
  dict.SetValue("CODE", r[0][2].as<std::string>());
  dict.SetValue("FORM", form);
  dict.SetIntValue("FORM_VERSION", r[0][1].as<int>());
  dict.SetValue("STATUS", r[0][lang == "es" ? 5 : 4].as<std::string>());
  dict.SetValue("RECEIVED", r[0][6].as<std::string>());
  dict.SetValue("PROGRAM", r[0][7].as<std::string>());
  dict.SetValue("EVENT", r[0][8].as<std::string>());
  dict.SetValue("TAG", r[0][9].as<std::string>());
  dict.SetValue("KIOSK", r[0][10].as<std::string>());
  if (req.has_param("saved")) dict.ShowSection("SAVED");
  status_options(w, dict, lang, r[0][3].as<std::string>());
  for (const auto& c : w.exec_params(
           "SELECT to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
           "coalesce(changed_by, ''), coalesce(from_status, ''), to_status, "
           "coalesce(internal_note, '') FROM status_changes WHERE submission_id = $1 ORDER BY id",
           id)) {
    Dict* d = dict.AddSectionDictionary("CHANGE");
    d->SetValue("AT", c[0].as<std::string>());
    d->SetValue("BY", c[1].as<std::string>());
    d->SetValue("FROM", c[2].as<std::string>());
    d->SetValue("TO", c[3].as<std::string>());
    d->SetValue("NOTE", c[4].as<std::string>());
  }
  w.commit();
  if (!payload) return message(res, lang, &s, 500, "record", "cannot_decrypt");
  // Whatever JSON object the kiosk sealed: "answers" when present, else the object itself;
  // labels from the record's own "labels" when present, else the keys.
  const json& p = *payload;
  const json answers = p.is_object() && p.contains("answers") && p["answers"].is_object()
                           ? p["answers"]
                           : (p.is_object() ? p : json::object({{"value", p}}));
  const json labels = p.is_object() && p.contains("labels") && p["labels"].is_object()
                          ? p["labels"]
                          : json::object();
  const std::string visitor_lang = p.is_object() && p.contains("lang") && p["lang"].is_string()
                                       ? p["lang"].get<std::string>()
                                       : "";
  dict.SetValue("VISITOR_LANG", visitor_lang);
  // The form's own question order when this binary knows the form; other keys after, as sent.
  std::vector<std::string> order;
  if (auto spec = kiosk::forms::bundled_forms().find(form))
    for (const auto* f : spec->all_fields())
      if (answers.contains(f->id)) order.push_back(f->id);
  for (const auto& [key, value] : answers.items())
    if (std::find(order.begin(), order.end(), key) == order.end()) order.push_back(key);
  for (const auto& key : order) {
    const json& value = answers[key];
    const json fl = labels.contains(key) ? labels[key] : json();
    Dict* d = dict.AddSectionDictionary("ANSWER");
    std::string label = label_in(fl, lang);
    d->SetValue("LABEL", label.empty() ? key : label);
    // The visitor's own wording too, when they used the other language.
    if (!visitor_lang.empty() && visitor_lang != lang && fl.is_object() &&
        fl.contains(visitor_lang)) {
      std::string other = label_in(fl, visitor_lang);
      if (!other.empty() && other != label) {
        Dict* o = d->AddSectionDictionary("OTHER");
        o->SetValue("OTHER_LANG", visitor_lang);
        o->SetValue("OTHER_LABEL", other);
      }
    }
    if (is_drawn_signature(value)) {
      Dict* img = d->AddSectionDictionary("IMAGE");
      img->SetValue("ID", id);
      img->SetValue("FIELD", key);
    } else if (is_typed_signature(value)) {
      d->AddSectionDictionary("TEXT")->SetValue("VALUE", typed_signature_text(value, lang));
    } else if (value.is_object() && value.contains("strokes")) {
      d->AddSectionDictionary("TEXT")->SetValue("VALUE", pages::word("signature_drawn", lang));
    } else {
      d->AddSectionDictionary("TEXT")->SetValue("VALUE", value_text(value, fl, lang));
    }
  }
  page(res, "record", dict, title, lang, &s, "/records/" + id);
}

void Inbox::signature(const httplib::Request& req, httplib::Response& res, const Session& s) {
  const std::string id = req.matches[1], field = req.matches[2];
  pqxx::work w(db());
  auto r =
      w.exec_params("SELECT form_id, sealed_to, sealed_payload FROM submissions WHERE id = $1", id);
  if (r.empty() || role_for_form(r[0][0].as<std::string>()) != s.role) {
    res.status = r.empty() ? 404 : 403;
    return;
  }
  w.exec_params0(
      "INSERT INTO audit_events (user_name, action, submission_id, detail) VALUES ($1, "
      "'signature', $2, $3)",
      s.user, id, field);
  w.commit();
  auto p = keys_.open(r[0][1].as<std::string>(), pqxx::binarystring(r[0][2]));
  if (!p || !p->is_object()) {
    res.status = 404;
    return;
  }
  const json& answers = p->contains("answers") ? (*p)["answers"] : *p;
  if (!answers.is_object() || !answers.contains(field) || !is_drawn_signature(answers[field])) {
    res.status = 404;
    return;
  }
  auto png = kiosk::crypto::from_base64(answers[field]["png_base64"].get<std::string>());
  if (!png) {
    res.status = 404;
    return;
  }
  res.set_content(std::string(png->begin(), png->end()), "image/png");
}

void Inbox::set_status(const httplib::Request& req, httplib::Response& res, const Session& s) {
  const std::string lang = lang_of(req, res);
  const std::string id = req.matches[1];
  const std::string to = param(req, "status");
  pqxx::work w(db());
  auto r = w.exec_params("SELECT form_id, status FROM submissions WHERE id = $1 FOR UPDATE", id);
  if (r.empty()) return message(res, lang, &s, 404, "record", "none");
  if (role_for_form(r[0][0].as<std::string>()) != s.role)
    return message(res, lang, &s, 403, "forbidden", "cannot_open");
  auto known = w.exec_params("SELECT 1 FROM request_statuses WHERE status = $1", to);
  if (known.empty()) return message(res, lang, &s, 400, "status", "forbidden");
  auto trimmed = [](std::string t) {
    while (!t.empty() && (t.back() == ' ' || t.back() == '\n' || t.back() == '\r')) t.pop_back();
    return t.size() > 2000 ? t.substr(0, 2000) : t;
  };
  const std::string note = trimmed(param(req, "note"));
  const std::string pub_en = trimmed(param(req, "public_en")),
                    pub_es = trimmed(param(req, "public_es"));
  w.exec_params0(
      "UPDATE submissions SET status = $2, status_changed_at = now(), public_next_step_en = "
      "nullif($3, ''), public_next_step_es = nullif($4, '') WHERE id = $1",
      id, to, pub_en, pub_es);
  w.exec_params0(
      "INSERT INTO status_changes (submission_id, from_status, to_status, changed_by, "
      "internal_note) VALUES ($1, $2, $3, $4, nullif($5, ''))",
      id, r[0][1].as<std::string>(), to, s.user, note);
  w.exec_params0(
      "INSERT INTO audit_events (user_name, action, submission_id, detail) VALUES ($1, 'status', "
      "$2, $3)",
      s.user, id, r[0][1].as<std::string>() + " -> " + to);
  w.commit();
  res.set_redirect("/records/" + id + "?saved=1", 303);
}

// A CSV cell: quoted, quotes doubled, and a leading = + - @ (or tab / carriage return) neutralised
// with an apostrophe so a spreadsheet shows it as text instead of running it as a formula.
std::string csv_cell(const std::string& v) {
  std::string s = v;
  if (!s.empty() &&
      (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
    s = "'" + s;
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

void Inbox::csv(const httplib::Request& req, httplib::Response& res, const Session& s) {
  const std::string lang = lang_of(req, res);
  if (role_for_form("signup") != s.role)
    return message(res, lang, &s, 403, "forbidden", "cannot_open");
  const std::string program = param(req, "program"), event = param(req, "event");
  pqxx::work w(db());
  auto rows = w.exec_params(
      "SELECT id, to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
      "coalesce(confirmation_code, ''), coalesce(program_id, ''), coalesce(event_id, ''), "
      "coalesce(event_tag, ''), sealed_to, sealed_payload FROM submissions WHERE form_id = "
      "'signup' AND ($1 = '' OR program_id = $1) AND ($2 = '' OR event_id = $2) "
      "ORDER BY received_at, id",
      program, event);
  std::vector<std::string> keys;  // answer keys in order of first appearance
  std::map<std::string, std::string> header;
  std::vector<std::pair<std::vector<std::string>, json>> records;
  for (const auto& r : rows) {
    auto p = keys_.open(r[6].as<std::string>(), pqxx::binarystring(r[7]));
    json answers = json::object(), labels = json::object();
    if (p && p->is_object()) {
      answers = p->contains("answers") && (*p)["answers"].is_object() ? (*p)["answers"] : *p;
      if (p->contains("labels") && (*p)["labels"].is_object()) labels = (*p)["labels"];
    }
    for (const auto& [k, v] : answers.items()) {
      if (!header.contains(k)) {
        keys.push_back(k);
        std::string l = labels.contains(k) ? label_in(labels[k], "en") : "";
        header[k] = l.empty() ? k : l;
      }
    }
    json with_labels = {{"answers", answers}, {"labels", labels}};
    records.push_back({{r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>(),
                        r[4].as<std::string>(), r[5].as<std::string>()},
                       with_labels});
  }
  std::string out = "received_at,confirmation_code,program_id,event_id,event_tag";
  for (const auto& k : keys) out += "," + csv_cell(header[k]);
  out += "\r\n";
  for (const auto& [meta, j] : records) {
    std::string line;
    for (const auto& m : meta) line += (line.empty() ? "" : ",") + csv_cell(m);
    for (const auto& k : keys) {
      const json& a = j["answers"];
      std::string v;
      if (a.contains(k)) {
        const json fl = j["labels"].contains(k) ? j["labels"][k] : json();
        v = is_drawn_signature(a[k])   ? "(signature)"
            : is_typed_signature(a[k]) ? typed_signature_text(a[k], "en")
                                       : value_text(a[k], fl, "en");
      }
      line += "," + csv_cell(v);
    }
    out += line + "\r\n";
  }
  w.exec_params0(
      "INSERT INTO audit_events (user_name, action, detail) VALUES ($1, 'csv', $2)", s.user,
      "program=" + program + " event=" + event + " rows=" + std::to_string(records.size()));
  w.commit();
  // The file name keeps only safe characters of the filters (they came from the query string).
  std::string name = "signups";
  for (const auto& part : {program, event}) {
    if (part.empty()) continue;
    name += '-';
    for (char ch : part)
      if (std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_') name += ch;
  }
  res.set_header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
  res.set_content(out, "text/csv; charset=utf-8");
}

std::string Inbox::fleet_now() const {
  if (test_clock_)
    if (const char* now = std::getenv("KIOSK_INTAKE_TEST_NOW"); now && *now) return now;
  return "";
}

void Inbox::fleet(const httplib::Request& req, httplib::Response& res, const Session& s) {
  const std::string lang = lang_of(req, res);
  if (s.role != "admin") return message(res, lang, &s, 403, "forbidden", "forbidden");
  Dict dict("fleet");
  const std::string title = pages::word("fleet", lang);
  pqxx::work w(db());
  // Silent: no heartbeat for 3 of the kiosk's own intervals (heartbeat_minutes, else 15), or
  // none ever. Silent kiosks sort first.
  auto rows = w.exec_params(
      "WITH now_ AS (SELECT coalesce(nullif($1, '')::timestamptz, now()) AS t), "
      "k AS (SELECT k.name, h.received_at, h.body, "
      " h.received_at IS NULL OR (SELECT t FROM now_) - h.received_at > make_interval(mins => 3 * "
      " coalesce((h.body->>'heartbeat_minutes')::int, 15)) AS silent "
      " FROM kiosks k LEFT JOIN LATERAL (SELECT received_at, body FROM heartbeats "
      " WHERE kiosk_name = k.name ORDER BY received_at DESC LIMIT 1) h ON true "
      " WHERE k.revoked_at IS NULL) "
      "SELECT name, silent, coalesce(to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD "
      "HH24:MI'), ''), coalesce(body::text, '{}') FROM k ORDER BY silent DESC, name",
      fleet_now());
  for (const auto& r : rows) {
    Dict* d = dict.AddSectionDictionary("KIOSK");
    const bool silent = r[1].as<bool>();
    d->SetValue("NAME", r[0].as<std::string>());
    d->SetValue("CLASS", silent ? "silent" : "ok");
    if (silent) d->ShowSection("SILENT");
    std::string last = r[2].as<std::string>();
    d->SetValue("LAST", last.empty() ? pages::word("never", lang) : last);
    json b = json::parse(r[3].as<std::string>(), nullptr, false);
    if (!b.is_object()) b = json::object();
    auto text = [&](const char* key) -> std::string {
      if (!b.contains(key) || b[key].is_null()) return "";
      if (b[key].is_string()) return b[key].get<std::string>();
      if (b[key].is_boolean()) return pages::word(b[key].get<bool>() ? "yes" : "no", lang);
      return b[key].dump();
    };
    d->SetValue("VERSION", text("app_version"));
    d->SetValue("PENDING",
                b.contains("counts") && b["counts"].is_object() && b["counts"].contains("pending")
                    ? b["counts"]["pending"].dump()
                    : "");
    d->SetValue("OLDEST", text("oldest_pending_created_at"));
    d->SetValue("ERROR", text("last_error"));
    std::string paused = text("paused");
    if (!text("paused_reason").empty()) paused += " (" + text("paused_reason") + ")";
    d->SetValue("PAUSED", paused);
    d->SetValue("DEMO", text("demo"));
    d->SetValue("LOCKOUTS", text("pin_lockouts_24h"));
  }
  w.commit();
  page(res, "fleet", dict, title, lang, &s, "/fleet");
}

void Inbox::admin(const httplib::Request& req, httplib::Response& res, const Session& s,
                  const std::string& notice, const std::string& token) {
  const std::string lang = lang_of(req, res);
  if (s.role != "admin") return message(res, lang, &s, 403, "forbidden", "forbidden");
  Dict dict("admin");
  const std::string title = pages::word("admin", lang);
  if (!notice.empty()) dict.AddSectionDictionary("NOTICE")->SetValue("TEXT", notice);
  if (!token.empty()) dict.AddSectionDictionary("TOKEN")->SetValue("VALUE", token);
  pqxx::work w(db());
  for (const auto& r :
       w.exec("SELECT name, role, coalesce(to_char(disabled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), "
              "'') FROM staff_users ORDER BY name")) {
    Dict* d = dict.AddSectionDictionary("USER_ROW");
    d->SetValue("NAME", r[0].as<std::string>());
    d->SetValue("ROLE", r[1].as<std::string>());
    d->SetValue("DISABLED", r[2].as<std::string>());
    if (r[2].as<std::string>().empty()) d->ShowSection("CAN_DISABLE");
  }
  w.commit();
  for (const auto& k : list_kiosks(db())) {
    Dict* d = dict.AddSectionDictionary("KIOSK_ROW");
    d->SetValue("NAME", k.name);
    d->SetValue("KIOSK_ID", k.kiosk_id);
    d->SetValue("REGISTERED", k.registered_at);
    if (k.revoked_at)
      d->SetValue("REVOKED", *k.revoked_at);
    else
      d->ShowSection("LIVE");
  }
  page(res, "admin", dict, title, lang, &s, "/admin");
}

void Inbox::admin_post(const httplib::Request& req, httplib::Response& res, const Session& s,
                       const std::string& action) {
  const std::string lang = lang_of(req, res);
  if (s.role != "admin") return message(res, lang, &s, 403, "forbidden", "forbidden");
  const std::string name = param(req, "name");
  std::string notice = pages::word("done", lang), token;
  try {
    if (action == "users/add") {
      add_staff_user(db(), name, param(req, "role"), param(req, "password"));
    } else if (action == "users/disable") {
      if (!disable_staff_user(db(), name)) notice = pages::word("none", lang);
    } else if (action == "users/reset") {
      if (!reset_staff_password(db(), name, param(req, "password")))
        notice = pages::word("none", lang);
    } else if (action == "kiosks/add") {
      token = add_kiosk(db(), name, param(req, "kiosk_id"), param(req, "public_key"));
    } else if (action == "kiosks/revoke") {
      if (!revoke_kiosk(db(), name)) notice = pages::word("none", lang);
    }
    pqxx::work w(db());
    w.exec_params0("INSERT INTO audit_events (user_name, action, detail) VALUES ($1, $2, $3)",
                   s.user, action.substr(0, action.find('/')), action + " " + name);
    w.commit();
  } catch (const pqxx::broken_connection&) {
    throw;
  } catch (const std::exception& e) {
    notice = e.what();  // the reason (name taken, weak password, malformed key): no secrets
  }
  admin(req, res, s, notice, token);
}

void Inbox::routes(httplib::Server& svr) {
  // Handlers that need a session: none → the login page; a POST also needs its CSRF token.
  auto authed = [this](auto fn, bool post) {
    return [this, fn, post](const httplib::Request& req, httplib::Response& res) {
      auto s = session(req);
      if (!s) {
        if (post) {
          res.status = 403;
          res.set_content("log in first", "text/plain");
        } else {
          res.set_redirect("/login", 303);
        }
        return;
      }
      if (post && !same_secret(s->csrf, param(req, "csrf"))) {
        res.status = 403;
        res.set_content("missing or wrong CSRF token", "text/plain");
        return;
      }
      (this->*fn)(req, res, *s);
    };
  };
  svr.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    res.set_header("Content-Security-Policy",
                   "default-src 'none'; img-src 'self'; style-src 'self'; form-action 'self'; "
                   "frame-ancestors 'none'; base-uri 'none'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Cache-Control", "no-store");
  });
  svr.Get("/style.css", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(pages::kStyle, "text/css");
  });
  svr.Get("/login", [this](const httplib::Request& req, httplib::Response& res) {
    login_form(req, res, false);
  });
  svr.Post("/login",
           [this](const httplib::Request& req, httplib::Response& res) { login(req, res); });
  svr.Post("/logout", [this](const httplib::Request& req, httplib::Response& res) {
    auto s = session(req);
    if (!s || !same_secret(s->csrf, param(req, "csrf"))) {
      res.status = 403;
      res.set_content("missing or wrong CSRF token", "text/plain");
      return;
    }
    pqxx::work w(db());
    w.exec_params0("DELETE FROM staff_sessions WHERE token_sha256 = $1",
                   kiosk::sha256_hex(cookie_value(req.get_header_value("Cookie"), kSessionCookie)));
    w.commit();
    res.set_header("Set-Cookie", cookie(kSessionCookie, "", 0));
    res.set_redirect("/login", 303);
  });
  svr.Get("/", authed(&Inbox::inbox, false));
  svr.Get(R"(/records/([A-Za-z0-9-]{1,64}))", authed(&Inbox::record, false));
  svr.Get(R"(/records/([A-Za-z0-9-]{1,64})/signature/([A-Za-z0-9_-]{1,64}))",
          authed(&Inbox::signature, false));
  svr.Post(R"(/records/([A-Za-z0-9-]{1,64})/status)", authed(&Inbox::set_status, true));
  svr.Get("/signups.csv", authed(&Inbox::csv, false));
  svr.Get("/fleet", authed(&Inbox::fleet, false));
  svr.Get("/admin", authed(&Inbox::admin_page, false));
  for (const char* action :
       {"users/add", "users/disable", "users/reset", "kiosks/add", "kiosks/revoke"}) {
    svr.Post(std::string("/admin/") + action,
             [this, action](const httplib::Request& req, httplib::Response& res) {
               auto s = session(req);
               if (!s || !same_secret(s->csrf, param(req, "csrf"))) {
                 res.status = 403;
                 res.set_content("missing or wrong CSRF token", "text/plain");
                 return;
               }
               admin_post(req, res, *s, action);
             });
  }
  svr.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        try {
          std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          // SQL state or template name only: record contents never reach an exception text.
          std::cerr << "kiosk-intake inbox: error: " << e.what() << "\n";
        } catch (...) {}
        res.status = 500;
        res.set_content("internal error", "text/plain");
      });
}

}  // namespace

int run_inbox(const Config& config, bool test_clock) {
  if (!schema_is_current(config.database_url)) return 1;
  pages::register_templates();
  Inbox inbox(config, test_clock);
  httplib::Server svr;
  svr.set_payload_max_length(64 * 1024);
  inbox.routes(svr);
  if (!config.secure_cookies)
    std::cerr << "kiosk-intake: warning: [web] secure_cookies = false: session cookies travel "
                 "over plain HTTP (demo on 127.0.0.1 only)\n";
  return listen_until_stopped(svr, config.web_host, config.web_port, "[web] listen");
}

}  // namespace intake

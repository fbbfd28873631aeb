// Export format 2: record lines and the signed manifest (see export_format.h and docs/staff.md).
#include "kiosk/staff/export_format.h"

#include <cctype>
#include <climits>
#include <nlohmann/json.hpp>

#include "kiosk/core/clock.h"
#include "offline-cache/uuid.h"

namespace kiosk::staff {
namespace {

using crypto::Result;
using nlohmann::json;

// Accepts exactly one flat object of scalars; returning false stops nlohmann's parser at once.
class FlatHandler : public nlohmann::json_sax<json> {
 public:
  FlatObject members;
  std::string error;

  bool null() override { return put(nullptr); }
  bool boolean(bool v) override { return put(v); }
  bool number_integer(number_integer_t v) override { return put(static_cast<int64_t>(v)); }
  bool number_unsigned(number_unsigned_t v) override { return put(static_cast<uint64_t>(v)); }
  bool number_float(number_float_t v, const string_t&) override { return put(v); }
  bool string(string_t& v) override { return put(std::move(v)); }
  bool binary(binary_t&) override { return fail("holds binary data"); }
  bool start_object(std::size_t) override {
    if (depth_++ > 0) return fail("has a nested object where a plain value belongs");
    return true;
  }
  bool key(string_t& k) override {
    if (members.count(k) != 0) return fail("repeats the member \"" + printable(k) + "\"");
    key_ = std::move(k);
    return true;
  }
  bool end_object() override {
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override {
    return fail(depth_ == 0 ? "is not a JSON object" : "has a list where a plain value belongs");
  }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception&) override {
    return fail("is not valid JSON (at byte " + std::to_string(position) + ")");
  }

 private:
  bool put(FlatValue v) {
    if (depth_ == 0) return fail("is not a JSON object");
    members.emplace(std::move(key_), std::move(v));
    return true;
  }
  bool fail(std::string why) {
    if (error.empty()) error = std::move(why);
    return false;
  }
  // A member name is named in the error only when it is short and plain (it is the file's text).
  static std::string printable(const std::string& k) {
    if (k.size() > 40) return "(a long name)";
    for (char c : k)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return "(a name)";
    return k;
  }
  int depth_ = 0;
  std::string key_;
};

const std::string* string_of(const FlatObject& o, std::string_view k) {
  auto it = o.find(k);
  return it == o.end() ? nullptr : std::get_if<std::string>(&it->second);
}

bool is_null(const FlatObject& o, std::string_view k) {
  auto it = o.find(k);
  return it != o.end() && std::holds_alternative<std::nullptr_t>(it->second);
}

std::optional<uint64_t> unsigned_of(const FlatObject& o, std::string_view k) {
  auto it = o.find(k);
  if (it == o.end()) return std::nullopt;
  if (auto* u = std::get_if<uint64_t>(&it->second)) return *u;
  if (auto* i = std::get_if<int64_t>(&it->second); i && *i >= 0) return static_cast<uint64_t>(*i);
  return std::nullopt;
}

// A required string member, or an error naming it.
Result<std::string> need_string(const FlatObject& o, std::string_view k) {
  if (const std::string* s = string_of(o, k)) return *s;
  return Result<std::string>::failure(std::string(k) + " is missing or not a string");
}

// A member that may be null or a string ("" for null).
Result<std::string> string_or_null(const FlatObject& o, std::string_view k) {
  if (is_null(o, k)) return std::string();
  return need_string(o, k);
}

bool is_time(const std::string& s) {
  Clock::Wall t;
  return parse_rfc3339(s, t) && format_rfc3339(t) == s;
}

bool is_hex64(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

Result<std::string> manifest_signing_text(const Manifest& m) {
  const std::pair<const char*, std::string> parts[] = {
      {"file", m.file},
      {"kiosk_id", m.kiosk_id},
      {"collector_public_key", m.collector_public_key},
      {"app_version", m.app_version},
      {"exported_at", m.exported_at},
      {"count", std::to_string(m.count)},
      {"bytes", std::to_string(m.bytes)},
      {"sha256", m.sha256},
      {"first_created_at", m.first_created_at},
      {"last_created_at", m.last_created_at},
  };
  std::string text(kManifestSigningHeader);
  for (const auto& [name, value] : parts) {
    if (value.find('\n') != std::string::npos)
      return Result<std::string>::failure(std::string(name) + " contains a line break");
    text += '\n';
    text += value;
  }
  return text;
}

std::string manifest_json(const Manifest& m) {
  auto or_null = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  json j = {
      {"format", kExportFormatName},
      {"format_version", kExportFormatVersion},
      {"file", m.file},
      {"kiosk_id", m.kiosk_id},
      {"collector_public_key", m.collector_public_key},
      {"app_version", m.app_version},
      {"exported_at", m.exported_at},
      {"count", m.count},
      {"bytes", m.bytes},
      {"sha256", m.sha256},
      {"first_created_at", or_null(m.first_created_at)},
      {"last_created_at", or_null(m.last_created_at)},
      {"signature", m.signature},
  };
  return j.dump(2) + "\n";
}

Result<FlatObject> parse_flat_object(std::string_view text) {
  FlatHandler h;
  bool ok = false;
  try {
    ok = json::sax_parse(text.begin(), text.end(), &h);
  } catch (const std::exception&) {
    ok = false;  // the handler never throws; kept so no parser exception can escape an import
  }
  if (!ok) return Result<FlatObject>::failure(h.error.empty() ? "is not valid JSON" : h.error);
  return std::move(h.members);
}

std::optional<int64_t> manifest_format_version(const FlatObject& o) {
  auto u = unsigned_of(o, "format_version");
  if (!u || *u > INT_MAX) return std::nullopt;
  return static_cast<int64_t>(*u);
}

Result<Manifest> manifest_from(const FlatObject& o) {
  using R = Result<Manifest>;
  Manifest m;
  for (auto [name, out] : {std::pair<const char*, std::string*>{"file", &m.file},
                           {"kiosk_id", &m.kiosk_id},
                           {"collector_public_key", &m.collector_public_key},
                           {"app_version", &m.app_version},
                           {"exported_at", &m.exported_at},
                           {"sha256", &m.sha256},
                           {"signature", &m.signature}}) {
    auto s = need_string(o, name);
    if (!s) return R::failure(s.error());
    *out = *s;
  }
  for (auto [name, out] :
       {std::pair<const char*, std::string*>{"first_created_at", &m.first_created_at},
        {"last_created_at", &m.last_created_at}}) {
    auto s = string_or_null(o, name);
    if (!s) return R::failure(s.error());
    *out = *s;
  }
  auto count = unsigned_of(o, "count");
  auto bytes = unsigned_of(o, "bytes");
  if (!count) return R::failure("count is missing or not a whole number");
  if (!bytes) return R::failure("bytes is missing or not a whole number");
  m.count = *count;
  m.bytes = *bytes;
  if (!store::is_uuid_v4(m.kiosk_id)) return R::failure("kiosk_id is not a kiosk id");
  if (!is_hex64(m.sha256)) return R::failure("sha256 is not 64 lower-case hex digits");
  if (!is_time(m.exported_at)) return R::failure("exported_at is not an RFC 3339 UTC time");
  return m;
}

Result<ExportRecord> record_from(const FlatObject& o) {
  using R = Result<ExportRecord>;
  ExportRecord r;
  crypto::RecordSignedFields& f = r.fields;
  std::string sealed_b64;
  for (auto [name, out] : {std::pair<const char*, std::string*>{"id", &f.id},
                           {"form_id", &f.form_id},
                           {"created_at", &f.created_at},
                           {"kiosk_id", &r.kiosk_id},
                           {"collected_by_kiosk_id", &f.collected_by_kiosk_id},
                           {"signer_kiosk_id", &f.signer_kiosk_id},
                           {"sealed_to", &f.sealed_to},
                           {"sealed_payload", &sealed_b64},
                           {"collector_public_key", &r.collector_public_key},
                           {"signature", &r.signature}}) {
    auto s = need_string(o, name);
    if (!s) return R::failure(s.error());
    *out = std::move(*s);
  }
  for (auto [name, out] : {std::pair<const char*, std::string*>{"program_id", &f.program_id},
                           {"event_id", &f.event_id},
                           {"event_tag", &f.event_tag}}) {
    auto s = string_or_null(o, name);
    if (!s) return R::failure(s.error());
    *out = std::move(*s);
  }
  auto version = unsigned_of(o, "form_version");
  if (!version || *version < 1 || *version > INT_MAX)
    return R::failure("form_version is missing or not a whole number from 1 up");
  f.form_version = static_cast<int>(*version);
  if (o.count("payload") != 0)
    return R::failure("holds plaintext answers (\"payload\"), which format 2 never carries");
  if (!store::is_uuid_v4(f.id)) return R::failure("the record id is not a UUID");
  for (auto [name, v] : {std::pair<const char*, const std::string*>{"kiosk_id", &r.kiosk_id},
                         {"collected_by_kiosk_id", &f.collected_by_kiosk_id},
                         {"signer_kiosk_id", &f.signer_kiosk_id}}) {
    if (!store::is_uuid_v4(*v)) return R::failure(std::string(name) + " is not a kiosk id");
  }
  if (!is_time(f.created_at)) return R::failure("created_at is not an RFC 3339 UTC time");
  auto sealed = crypto::from_base64(sealed_b64);
  if (!sealed) return R::failure("sealed_payload " + sealed.error());
  if (sealed->empty()) return R::failure("sealed_payload is empty");
  f.sealed_payload = std::move(*sealed);
  if (auto it = o.find("rejected"); it != o.end()) {
    const bool* b = std::get_if<bool>(&it->second);
    if (!b || !*b) return R::failure("rejected is present but not true");
    r.rejected = true;
  }
  return r;
}

std::string with_rejected_flag(std::string line) {
  if (!line.empty() && line.back() == '}') {
    line.pop_back();
    line += ',';
    line += kRejectedMember;
    line += '}';
  }
  return line;
}

}  // namespace kiosk::staff

// Parsing and walking content JSON so that every defect is reported with its file and JSON pointer.
#include "kiosk/content/json_reader.h"

#include <algorithm>
#include <functional>

#include "kiosk/content/text_rules.h"
#include "kiosk/core/utf8.h"

namespace kiosk::content {
namespace {

// "line L, column C" of a 0-based byte offset, counting columns in bytes from 1.
std::string line_column(const std::string& bytes, std::size_t offset) {
  offset = std::min(offset, bytes.size());
  std::size_t line = 1 + static_cast<std::size_t>(std::count(
                             bytes.begin(), bytes.begin() + static_cast<long>(offset), '\n'));
  std::size_t line_start = bytes.rfind('\n', offset == 0 ? std::string::npos : offset - 1);
  std::size_t column = offset - (line_start == std::string::npos ? 0 : line_start + 1) + 1;
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// nlohmann's what() is "[json.exception.parse_error.101] parse error at line 1, column 5: <reason>";
// keep the reason only, since the caller states the position itself.
// Its "last read: '...'" can quote a whole paragraph: keep only the end, where the problem is.
std::string parse_reason(const std::string& what) {
  std::size_t column = what.find("column ");
  std::size_t colon = what.find(": ", column == std::string::npos ? 0 : column);
  std::string reason = colon == std::string::npos ? what : what.substr(colon + 2);
  const std::string marker = "; last read: '";
  std::size_t last = reason.find(marker);
  constexpr std::size_t kKeep = 40;
  if (last != std::string::npos && reason.size() > last + marker.size() + kKeep + 1) {
    // kKeep characters and the closing quote stay.
    reason = reason.substr(0, last + marker.size()) + "..." +
             std::string(utf8::suffix_bytes(reason, kKeep + 1));
  }
  return reason;
}

bool only_whitespace(const std::string& s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

// Tracks where the parser is, so a duplicate key can be named by its JSON pointer. nlohmann keeps
// the last of two equal keys silently; content authors must hear about the first one instead.
class DuplicateKeyFinder {
 public:
  explicit DuplicateKeyFinder(ErrorSink& errors) : errors_(&errors) {}

  bool operator()(int /*depth*/, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start: frames_.push_back(Frame(false)); break;
      case json::parse_event_t::array_start: frames_.push_back(Frame(true)); break;
      case json::parse_event_t::key: on_key(parsed.get<std::string>()); break;
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        if (!frames_.empty()) frames_.pop_back();
        element_done();
        break;
      case json::parse_event_t::value: element_done(); break;
    }
    return true;
  }

 private:
  struct Frame {
    explicit Frame(bool array) : is_array(array) {}
    bool is_array;
    std::size_t index = 0;  // arrays: the element being read
    std::string key;        // objects: the key being read
    std::set<std::string> keys;
  };

  void on_key(const std::string& key) {
    if (frames_.empty()) return;
    Frame& top = frames_.back();
    if (!top.keys.insert(key).second) errors_->add(path_of_top(), "duplicate key \"" + key + "\"");
    top.key = key;
  }
  void element_done() {
    if (!frames_.empty() && frames_.back().is_array) ++frames_.back().index;
  }
  std::string path_of_top() const {
    std::string p;
    for (std::size_t i = 0; i + 1 < frames_.size(); ++i)
      p = frames_[i].is_array ? child_path(p, frames_[i].index) : child_path(p, frames_[i].key);
    return p;
  }

  ErrorSink* errors_;
  std::vector<Frame> frames_;
};

}  // namespace

void ErrorSink::add(const std::string& path, const std::string& message) {
  out_->push_back(file_ + ": " + (path.empty() ? "" : path + ": ") + message);
  ++added_;
}

std::optional<json> parse_document(const std::string& bytes, ErrorSink& errors) {
  if (bytes.size() > kMaxFileBytes) {
    errors.add("", "file too large (" + std::to_string(bytes.size()) + " bytes; at most " +
                       std::to_string(kMaxFileBytes) + ")");
    return std::nullopt;
  }
  if (only_whitespace(bytes)) {
    errors.add("", "empty file");
    return std::nullopt;
  }
  if (std::size_t bad = utf8::first_invalid(bytes); bad != bytes.size()) {
    errors.add(
        "", "invalid UTF-8 at byte " + std::to_string(bad) + " (" + line_column(bytes, bad) + ")");
    return std::nullopt;
  }
  DuplicateKeyFinder finder(errors);
  json doc;
  try {
    doc =
        json::parse(bytes, std::ref(finder), /*allow_exceptions=*/true, /*ignore_comments=*/false);
  } catch (const json::parse_error& e) {
    // e.byte counts bytes read, so the offending byte is at offset byte - 1.
    std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    errors.add("", "JSON parse error at byte " + std::to_string(offset) + " (" +
                       line_column(bytes, offset) + "): " + parse_reason(e.what()));
    return std::nullopt;
  }
  // Duplicate keys are reported but the document is still walked (the later value stands), so the
  // file's other defects are reported in the same run.
  return doc;
}

std::string child_path(const std::string& parent, const std::string& key) {
  std::string seg;
  for (char c : key) {
    if (c == '~')
      seg += "~0";
    else if (c == '/')
      seg += "~1";
    else
      seg += c;
  }
  return parent + "/" + seg;
}

std::string child_path(const std::string& parent, std::size_t index) {
  return parent + "/" + std::to_string(index);
}

std::string describe_type(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "true/false";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number";
    default: return "an unsupported value";
  }
}

ObjectReader::ObjectReader(const json& v, std::string path, ErrorSink& errors, const char* what)
    : path_(std::move(path)), errors_(&errors) {
  if (v.is_object())
    object_ = &v;
  else
    errors.add(path_, std::string("expected ") + what + ", got " + describe_type(v));
}

bool ObjectReader::has(const std::string& key) const { return object_ && object_->contains(key); }

const json* ObjectReader::optional(const std::string& key) {
  asked_.insert(key);
  if (!object_) return nullptr;
  auto it = object_->find(key);
  return it == object_->end() ? nullptr : &*it;
}

const json* ObjectReader::required(const std::string& key) {
  const json* v = optional(key);
  if (!v && object_) errors_->add(path_of(key), "missing (required)");
  return v;
}

std::optional<std::string> ObjectReader::string(const std::string& key, bool is_required) {
  const json* v = is_required ? required(key) : optional(key);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    errors_->add(path_of(key), "expected a string, got " + describe_type(*v));
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<bool> ObjectReader::boolean(const std::string& key, bool is_required) {
  const json* v = is_required ? required(key) : optional(key);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    errors_->add(path_of(key), "expected true or false, got " + describe_type(*v));
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<LocalText> ObjectReader::text(const std::string& key, bool is_required,
                                            std::size_t max_len, bool multiline) {
  const json* v = is_required ? required(key) : optional(key);
  if (!v) return std::nullopt;
  return read_text(*v, path_of(key), *errors_, max_len, multiline);
}

void ObjectReader::finish() {
  if (finished_ || !object_) return;
  finished_ = true;
  for (const auto& [key, value] : object_->items())
    if (!asked_.count(key)) errors_->add(path_of(key), "unknown key \"" + key + "\"");
}

bool check_text(const std::string& s, const std::string& path, ErrorSink& errors,
                std::size_t max_len, bool multiline, const char* language) {
  if (only_whitespace(s)) {
    errors.add(path, std::string("empty ") + language + " text");
    return false;
  }
  bool ok = true;
  if (auto bad = text_rules::first_undrawable(s, multiline)) {
    if (bad->cp == U'\n' || bad->cp == U'\r')
      errors.add(path, "line break not allowed here (only in descriptions and notices)");
    else
      errors.add(path, "character " + text_rules::code_point_name(bad->cp) + " at position " +
                           std::to_string(bad->position) +
                           " is not in the kiosk font (Latin-1, Latin Extended-A, typographic "
                           "quotes and dashes)");
    ok = false;
  }
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t'; };
  if (is_space(s.front()) || is_space(s.back())) {
    errors.add(path, "starts or ends with a space or line break");
    ok = false;
  }
  if (std::size_t n = utf8::length(s); n > max_len) {
    errors.add(path, "too long: " + std::to_string(n) + " characters (at most " +
                         std::to_string(max_len) + ")");
    ok = false;
  }
  return ok;
}

std::optional<LocalText> read_text(const json& v, const std::string& path, ErrorSink& errors,
                                   std::size_t max_len, bool multiline) {
  ObjectReader r(v, path, errors, "an object with \"en\" and \"es\" text");
  if (!r.ok()) return std::nullopt;
  LocalText out;
  bool ok = true;
  struct Part {
    const char* key;
    const char* language;
    std::string* dst;
  };
  for (const Part& p : {Part{"en", "English", &out.en}, Part{"es", "Spanish", &out.es}}) {
    const json* s = r.optional(p.key);
    if (!s) {
      errors.add(r.path_of(p.key), std::string("missing ") + p.language + " text");
      ok = false;
    } else if (!s->is_string()) {
      errors.add(r.path_of(p.key), "expected a string, got " + describe_type(*s));
      ok = false;
    } else {
      *p.dst = s->get<std::string>();
      ok = check_text(*p.dst, r.path_of(p.key), errors, max_len, multiline, p.language) && ok;
    }
  }
  r.finish();
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace kiosk::content

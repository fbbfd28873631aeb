// JSON reading with exhaustive error reporting, for the content loader and the form loader (the
// one JSON walker of both): parses one file's bytes (empty, bad UTF-8, syntax and duplicate keys
// all named with the file) and walks objects so that every missing, mistyped or unknown key is
// reported as "file: /json/pointer: message".
#pragma once
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "kiosk/core/lang.h"

namespace kiosk::content {

using nlohmann::json;

// Collects errors for one file. Messages read "<file>: <path>: <message>" (path may be empty).
class ErrorSink {
 public:
  ErrorSink(std::string file, std::vector<std::string>& out) : file_(std::move(file)), out_(&out) {}
  void add(const std::string& path, const std::string& message);
  const std::string& file() const { return file_; }
  std::size_t count() const { return added_; }

 private:
  std::string file_;
  std::vector<std::string>* out_;
  std::size_t added_ = 0;
};

// Largest content file accepted, so a wrong path cannot make the kiosk read a huge file.
inline constexpr std::size_t kMaxFileBytes = 2 * 1024 * 1024;

// Parses `bytes` as one JSON document. Too large, empty, invalid UTF-8 or a syntax error: reports
// it and returns nullopt. A key given twice in one object is reported, and the document (with the
// later value) is still returned so that the rest of the file gets checked too.
std::optional<json> parse_document(const std::string& bytes, ErrorSink& errors);

// Appends one JSON-pointer segment ("~" and "/" escaped as RFC 6901 says).
std::string child_path(const std::string& parent, const std::string& key);
std::string child_path(const std::string& parent, std::size_t index);

// "a string", "a number", ... for "expected X, got Y" messages.
std::string describe_type(const json& v);

// Walks one JSON object. Every key must be asked for (required/optional); finish() reports the
// rest as unknown keys, so a typo ("titel") is an error rather than silently ignored.
class ObjectReader {
 public:
  // Reports "expected an object" (naming `what`) when `v` is not one; ok() is then false.
  ObjectReader(const json& v, std::string path, ErrorSink& errors, const char* what = "an object");
  ObjectReader(const ObjectReader&) = delete;
  ObjectReader& operator=(const ObjectReader&) = delete;

  bool ok() const { return object_ != nullptr; }
  const std::string& path() const { return path_; }
  std::string path_of(const std::string& key) const { return child_path(path_, key); }
  ErrorSink& errors() { return *errors_; }
  bool has(const std::string& key) const;

  const json* required(const std::string& key);  // reports "missing" when absent
  const json* optional(const std::string& key);

  // Typed reads; each reports a wrong type and returns the default. `required` reports absence.
  std::optional<std::string> string(const std::string& key, bool required);
  std::optional<bool> boolean(const std::string& key, bool required);
  // Visitor-facing text {"en": ..., "es": ...}: both present, non-empty, drawable, at most
  // `max_len` code points each; newlines only when `multiline`.
  std::optional<LocalText> text(const std::string& key, bool required, std::size_t max_len,
                                bool multiline);

  void finish();  // reports unknown keys; call once, after every read

 private:
  const json* object_ = nullptr;
  std::string path_;
  ErrorSink* errors_;
  std::set<std::string> asked_;
  bool finished_ = false;
};

// Reads `v` as visitor-facing text at `path` (see ObjectReader::text).
std::optional<LocalText> read_text(const json& v, const std::string& path, ErrorSink& errors,
                                   std::size_t max_len, bool multiline);
// Checks one string of visitor-facing text; `language` is "English" or "Spanish" for messages.
bool check_text(const std::string& s, const std::string& path, ErrorSink& errors,
                std::size_t max_len, bool multiline, const char* language);

// Reads `v` as an array (reports otherwise) and calls `each(element, path)` for every element.
template <typename F>
bool for_each_element(const json& v, const std::string& path, ErrorSink& errors, F&& each) {
  if (!v.is_array()) {
    errors.add(path, "expected an array, got " + describe_type(v));
    return false;
  }
  for (std::size_t i = 0; i < v.size(); ++i) each(v[i], child_path(path, i));
  return true;
}

}  // namespace kiosk::content

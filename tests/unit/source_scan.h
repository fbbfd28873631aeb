// Source scanning for the tests that check the code's own rules (test_string_tables.cpp,
// test_include_direction.cpp): the project's source files, their quoted #includes, and a small C++
// lexer that finds string literals with the calls they sit in. A lexer, not grep, so that comments,
// character literals, digit separators (60'000) and raw strings cannot fool the checks.
#pragma once
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace kiosk::test::source_scan {

inline std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// C and C++ files under `dir` (relative to the source tree), as sorted paths relative to the source
// tree ("ui/screens/home.cpp"). A missing `dir` gives none.
inline std::vector<std::string> files_under(const std::string& root, const std::string& dir) {
  std::vector<std::string> out;
  std::filesystem::path base = std::filesystem::path(root) / dir;
  if (!std::filesystem::is_directory(base)) return out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(base)) {
    if (!e.is_regular_file()) continue;
    std::string ext = e.path().extension().string();
    if (ext == ".cpp" || ext == ".h" || ext == ".hpp" || ext == ".c" || ext == ".cc")
      out.push_back(std::filesystem::relative(e.path(), root).generic_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct Include {
  int line;
  std::string path;  // as written between the quotes
};

// The `#include "..."` lines (not <...>: system and library headers).
inline std::vector<Include> quoted_includes(const std::string& src) {
  static const std::regex re(R"re(^\s*#\s*include\s*"([^"]+)")re");
  std::vector<Include> out;
  std::istringstream in(src);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    std::smatch m;
    if (std::regex_search(line, m, re)) out.push_back({n, m[1].str()});
  }
  return out;
}

struct Literal {
  int line;
  std::string text;  // between the quotes, escapes as written
  // The brackets the literal sits in, outermost first: for "(" and "{" the name written just
  // before it ("log::error", "t", "Para"; "" when there is none), "" for "[".
  std::vector<std::string> calls;
};

// Every string literal outside comments and preprocessor lines.
inline std::vector<Literal> literals(const std::string& s) {
  std::vector<Literal> out;
  std::vector<std::string> stack;
  auto ident = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ':';
  };
  auto name_before = [&](std::size_t i) {
    std::size_t e = i;
    while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n')) --e;
    std::size_t b = e;
    while (b > 0 && ident(s[b - 1])) --b;
    return s.substr(b, e - b);
  };
  int line = 1;
  bool line_start = true;  // only whitespace so far on this line
  std::size_t i = 0, n = s.size();
  while (i < n) {
    char c = s[i];
    if (c == '\n') {
      ++line, ++i, line_start = true;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
      continue;
    }
    if (line_start && c == '#') {  // a preprocessor line, with its continuations
      while (i < n && s[i] != '\n') {
        if (s[i] == '\\' && i + 1 < n && s[i + 1] == '\n') ++line, ++i;
        ++i;
      }
      continue;
    }
    line_start = false;
    if (c == '/' && i + 1 < n && s[i + 1] == '/') {
      while (i < n && s[i] != '\n') ++i;
      continue;
    }
    if (c == '/' && i + 1 < n && s[i + 1] == '*') {
      std::size_t e = s.find("*/", i + 2);
      e = e == std::string::npos ? n : e + 2;
      line += static_cast<int>(std::count(s.begin() + i, s.begin() + e, '\n'));
      i = e;
      continue;
    }
    if (c == '\'') {
      // A digit separator (60'000) when the token before it is a number; else a char literal.
      std::size_t b = i;
      while (b > 0 && (std::isalnum(static_cast<unsigned char>(s[b - 1])) || s[b - 1] == '\'' ||
                       s[b - 1] == '.'))
        --b;
      if (b < i && std::isdigit(static_cast<unsigned char>(s[b]))) {
        ++i;
        continue;
      }
      ++i;
      while (i < n && s[i] != '\'') i += s[i] == '\\' ? 2 : 1;
      ++i;
      continue;
    }
    if (c == '"') {
      bool raw = i > 0 && s[i - 1] == 'R' &&
                 (i < 2 || !ident(s[i - 2]) || s[i - 2] == '8' || s[i - 2] == 'u' ||
                  s[i - 2] == 'U' || s[i - 2] == 'L');
      int start_line = line;
      std::string text;
      if (raw) {
        std::size_t open = s.find('(', i);
        std::string close = ")" + s.substr(i + 1, open - i - 1) + "\"";
        std::size_t e = s.find(close, open);
        e = e == std::string::npos ? n : e;
        text = s.substr(open + 1, e - open - 1);
        line += static_cast<int>(std::count(text.begin(), text.end(), '\n'));
        i = std::min(n, e + close.size());
      } else {
        std::size_t j = i + 1;
        while (j < n && s[j] != '"' && s[j] != '\n') j += s[j] == '\\' ? 2 : 1;
        text = s.substr(i + 1, j - i - 1);
        i = j + 1;
      }
      out.push_back({start_line, text, stack});
      continue;
    }
    if (c == '(' || c == '{') stack.push_back(name_before(i));
    if (c == '[') stack.emplace_back();
    if ((c == ')' || c == '}' || c == ']') && !stack.empty()) stack.pop_back();
    ++i;
  }
  return out;
}

}  // namespace kiosk::test::source_scan

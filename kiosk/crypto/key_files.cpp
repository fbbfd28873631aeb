// Exclusive, durable creation and capped reading of one-line key files.
#include "kiosk/crypto/key_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

namespace kiosk::crypto::detail {
namespace {

void fsync_dir_of(const std::string& path) {
  std::string dir = std::filesystem::path(path).parent_path().string();
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

CreateResult create_file_exclusively(const std::string& path, const SecureString& text,
                                     unsigned mode) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0) return CreateResult::Exists;
  std::string tmpl = path + ".tmp-XXXXXX";
  const int fd = ::mkostemp(tmpl.data(), O_CLOEXEC);  // mode 0600 from the start
  if (fd < 0) return CreateResult::Failed;
  bool ok = ::fchmod(fd, mode) == 0 &&
            ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
            ::fsync(fd) == 0;
  ok = (::close(fd) == 0) && ok;
  int e = errno;
  CreateResult result = CreateResult::Failed;
  if (ok) {
    if (::link(tmpl.c_str(), path.c_str()) == 0) {
      result = CreateResult::Created;
    } else {
      e = errno;
      if (e == EEXIST) result = CreateResult::Exists;  // another process made it first
    }
  }
  ::unlink(tmpl.c_str());
  if (result == CreateResult::Created) fsync_dir_of(path);
  errno = e;
  return result;
}

std::optional<SecureString> read_key_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return std::nullopt;
  SecureString text;
  text.reserve(4096);
  char buf[512];
  ssize_t n = 0;
  while (text.size() < 4096 && (n = ::read(fd, buf, sizeof buf)) > 0)
    text.append(buf, static_cast<std::size_t>(n));
  sodium_memzero(buf, sizeof buf);
  const int e = errno;
  ::close(fd);
  if (n < 0) {
    errno = e;
    return std::nullopt;
  }
  return text;
}

std::string_view trim_line(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace kiosk::crypto::detail

// Reading a file staff brought on a stick, which may be hostile: only a regular file is opened
// (never a symlink, FIFO, device or directory, so nothing can block or stream forever), and never
// more bytes than the caller allows.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "kiosk/crypto/result.h"

namespace kiosk::staff {

class UntrustedFile {
 public:
  // open(O_RDONLY | O_NOFOLLOW | O_NONBLOCK), then fstat: S_ISREG or refused. O_NONBLOCK keeps a
  // FIFO's open from waiting for a writer; it is cleared once the file is known to be regular.
  // The error is words to follow the file's name ("is a symbolic link, not a file").
  static crypto::Result<UntrustedFile> open(const std::string& path);

  UntrustedFile(UntrustedFile&& o) noexcept : fd_(o.fd_), size_(o.size_) { o.fd_ = -1; }
  UntrustedFile& operator=(UntrustedFile&&) = delete;
  UntrustedFile(const UntrustedFile&) = delete;
  ~UntrustedFile();

  uint64_t size() const { return size_; }  // at open (fstat)
  // Up to `n` bytes into `buf`; 0 at the end; -1 on a read error (errno set).
  long read_some(char* buf, std::size_t n);
  // The whole file when it is at most `limit` bytes; else an error.
  crypto::Result<std::string> read_all(std::size_t limit);

 private:
  UntrustedFile(int fd, uint64_t size) : fd_(fd), size_(size) {}
  int fd_ = -1;
  uint64_t size_ = 0;
};

}  // namespace kiosk::staff

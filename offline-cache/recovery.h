// Recovery: moving a damaged database aside (never deleting it) and small durable-file helpers the
// store needs around SQLite (directory fsync, atomic small-file writes for the kiosk-id copy).
#pragma once
#include <optional>
#include <string>

#include "kiosk/core/clock.h"

namespace kiosk::store {

// Renames `db_path` and its -wal / -shm companions to `<db_path>.corrupt-<UTC time>[-N]` (never
// replacing an existing file) and fsyncs the directory. Returns the new main file's name (no dir).
// Throws StoreError (ReadOnly or Io) when the rename is refused; nothing is deleted either way.
std::string move_aside(const std::string& db_path, Clock::Wall now);

// fsync of a directory, so a created or renamed entry survives power loss. False on failure.
bool fsync_dir(const std::string& dir);

// Writes `text` to `path` via a temporary file, fsync and rename. False on failure (errno set).
bool write_file_atomically(const std::string& path, const std::string& text);
std::optional<std::string> read_small_file(const std::string& path);

}  // namespace kiosk::store

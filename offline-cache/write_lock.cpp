// The registry of per-file write locks (see write_lock.h): one WriteMutex per canonical path.
#include "offline-cache/write_lock.h"

#include <filesystem>
#include <map>

namespace kiosk::store {

std::shared_ptr<WriteMutex> write_mutex_for(const std::string& path) {
  static std::mutex registry_mu;
  static std::map<std::string, std::weak_ptr<WriteMutex>> registry;
  std::error_code ec;
  std::string key = std::filesystem::weakly_canonical(path, ec).string();
  if (ec || key.empty()) key = std::filesystem::absolute(path, ec).lexically_normal().string();
  std::lock_guard lk(registry_mu);
  // Forget files no connection holds any more, so the map stays as small as the open files.
  for (auto it = registry.begin(); it != registry.end();)
    it = it->second.expired() ? registry.erase(it) : std::next(it);
  std::shared_ptr<WriteMutex> m = registry[key].lock();
  if (!m) {
    m = std::make_shared<WriteMutex>();
    registry[key] = m;
  }
  return m;
}

}  // namespace kiosk::store

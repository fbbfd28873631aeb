// The store serialises writes itself: every Outbox on one database file in this process shares one
// write lock, so two threads writing at once through their own connections never meet SQLite's
// busy error, even with no busy timeout at all; different files get different locks.
#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <thread>

#include "offline-cache/outbox.h"
#include "offline-cache/write_lock.h"
#include "test_outbox_util.h"

using namespace kiosk;
using outbox_test::TempDir;

TEST_CASE("one write lock per database file, whatever the spelling of its path") {
  TempDir a("write-lock"), b("write-lock");
  auto m1 = store::write_mutex_for(a.file("kiosk.db"));
  auto m2 = store::write_mutex_for(a.path() + "/./sub/../kiosk.db");
  auto m3 = store::write_mutex_for(b.file("kiosk.db"));
  CHECK(m1 == m2);
  CHECK(m1 != m3);
}

TEST_CASE("two connections writing from two threads never hit SQLITE_BUSY: the store queues them") {
  TempDir dir("write-lock");
  store::OutboxOptions o;
  o.busy_timeout_ms = 0;  // without the store's own lock, the second writer would fail at once
  store::Outbox ui(dir.path(), process_clock(), o);
  o.check_integrity = false;
  store::Outbox engine(dir.path(), process_clock(), o);
  std::atomic<int> failures{0};
  std::string ui_error;
  auto save = [](int i) {
    store::NewSubmission s;
    s.form_id = "signup";
    s.payload_json = R"({"n":)" + std::to_string(i) + "}";
    return s;
  };
  std::thread t([&] {
    for (int i = 0; i < 150; ++i) {
      try {
        engine.set_setting("sync.counter", std::to_string(i));
        engine.record_event("test", std::to_string(i));
      } catch (const store::StoreError&) {
        ++failures;
      }
    }
  });
  for (int i = 0; i < 150; ++i) {
    try {
      ui.enqueue(save(i));
    } catch (const store::StoreError& e) {
      ++failures;
      ui_error = e.what();
    }
  }
  t.join();
  INFO(ui_error);
  CHECK(failures == 0);
  CHECK(ui.counts().pending == 150);
}

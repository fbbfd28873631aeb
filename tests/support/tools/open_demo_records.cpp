// open_demo_records DATA_DIR: prints every stored submission as one line,
//   "<status> <form_id> <opened payload>"
// opening each sealed payload with the bundled demo department secret
// (tests/support/demo-department.secret, public by design). The UI scripts' "# row:" checks
// (tests/ui/check_row.cmake) read what a script saved through it: the GUI tests run in demo mode,
// and the kiosk itself can no longer read its records back. Exit 1 when a sealed payload does not
// open (not sealed to the demo key, or altered); a row whose answers were erased prints "(erased)".
#include <cstdio>
#include <exception>
#include <string>

#include "kiosk/crypto/department_key.h"
#include "kiosk/crypto/seal.h"
#include "offline-cache/outbox.h"

using namespace kiosk;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: open_demo_records DATA_DIR DEMO_SECRET_FILE\n");
    return 2;
  }
  try {
    auto secret = crypto::read_department_secret_file(argv[2]);
    if (!secret) {
      std::fprintf(stderr, "open_demo_records: %s\n", secret.error().c_str());
      return 2;
    }
    store::OutboxOptions o;
    o.read_only = true;
    store::Outbox box(argv[1], process_clock(), o);
    int bad = 0;
    for (store::Status st : {store::Status::Pending, store::Status::Sending, store::Status::Sent,
                             store::Status::Rejected, store::Status::Discarded}) {
      for (const store::Submission& s : box.list(st, 100000)) {
        std::string text = "(erased)";
        if (s.sealed()) {
          auto opened =
              crypto::open_sealed(crypto::DepartmentPublicKey::demo(), *secret, s.sealed_payload);
          if (!opened) {
            std::fprintf(stderr, "open_demo_records: %s does not open with the demo secret\n",
                         s.id.c_str());
            ++bad;
            continue;
          }
          text.assign(opened->begin(), opened->end());
        } else if (!s.payload_json.empty()) {
          text = "(unsealed) " + s.payload_json;
        }
        std::printf("%s %s %s\n", store::status_name(s.status), s.form_id.c_str(), text.c_str());
      }
    }
    return bad ? 1 : 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "open_demo_records: %s\n", e.what());
    return 2;
  }
}

// Form commands: --list-forms (ids, versions, titles as JSON), --answers-example FORM_ID (a
// complete, valid answers file) and --submit FORM_ID --answers FILE (validate with the UI's rules,
// then store in the outbox and print the confirmation code; with --event, for one upcoming event
// of the program). Answers are personal data: they are never echoed to the log or stderr, and
// every buffer holding them is zeroed when done.
#include <sodium.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <set>
#include <nlohmann/json.hpp>

#include "kiosk/app/event_signup.h"
#include "kiosk/app/event_text.h"
#include "kiosk/app/record_sealing.h"
#include "kiosk/cli/commands.h"
#include "kiosk/content/catalogue.h"
#include "kiosk/core/log.h"
#include "kiosk/crypto/sodium_init.h"
#include "kiosk/forms/answers_example.h"
#include "kiosk/forms/answers_json.h"
#include "kiosk/forms/confirmation_code.h"
#include "kiosk/forms/field_validation.h"
#include "kiosk/forms/form_session.h"
#include "offline-cache/outbox.h"

namespace kiosk {
namespace {

using forms::FormSpec;
using nlohmann::json;

constexpr std::size_t kMaxAnswersFileBytes =
    1 << 20;  // a form's answers are a few kB; a signature < 100 kB

Lang message_lang(const RunContext& ctx) {
  Lang l = Lang::En;
  parse_lang(ctx.lang, l);  // options and config already checked it; default English
  return l;
}

std::string form_ids() {
  std::string s;
  for (const auto& f : forms::bundled_forms().forms) s += (s.empty() ? "" : ", ") + f->id;
  return s;
}

// "crash_report" is the current version; "crash_report.v1" a released one (how records made before
// an upgrade were filled, so they can be re-made and checked).
std::shared_ptr<const FormSpec> find_form(const std::string& id) {
  std::shared_ptr<const FormSpec> form;
  if (auto dot = id.find(".v"); dot != std::string::npos) {
    const std::string n = id.substr(dot + 2);
    if (!n.empty() && n.size() <= 7 && n.find_first_not_of("0123456789") == std::string::npos)
      form = forms::bundled_forms().find(id.substr(0, dot), std::stoi(n));
  } else {
    form = forms::bundled_forms().find(id);
  }
  if (!form)
    std::fprintf(stderr, "kiosk: unknown form \"%s\" (forms: %s; see kiosk --list-forms)\n",
                 id.c_str(), form_ids().c_str());
  return form;
}

// The catalogue the kiosk would use. Strict: a rejected --content bundle is an error here, since
// a program's questions come from it (the GUI falls back to the bundled demo content instead).
std::optional<Catalogue> catalogue_for(const RunContext& ctx) {
  if (ctx.content_dir.empty()) return bundled_catalogue();
  CatalogueResult r = load_catalogue_dir(ctx.content_dir);
  if (!r.catalogue)
    std::fprintf(
        stderr,
        "kiosk: the content in %s was rejected (%zu errors; see kiosk --check-content %s)\n",
        ctx.content_dir.c_str(), r.errors.size(), ctx.content_dir.c_str());
  return std::move(r.catalogue);
}

// Whether `--event` names an event of `program` that can still be signed up for; a refusal is
// said on stderr (the caller exits 2, as for an unknown program).
bool event_allowed(const Catalogue& cat, const Program& program, const std::string& event_id) {
  const std::string today = local_date(process_clock().wall());
  EventCheck c = check_event_signup(cat, program.id, event_id, today);
  const char* e = event_id.c_str();
  switch (c.refusal) {
    case EventRefusal::None: return true;
    case EventRefusal::Unknown:
      std::fprintf(stderr,
                   "kiosk: unknown event \"%s\" (the content's events.json has no such id)\n", e);
      break;
    case EventRefusal::OtherProgram:
      std::fprintf(stderr, "kiosk: event \"%s\" is not an event of program \"%s\"%s%s%s\n", e,
                   program.id.c_str(), c.event->program_id.empty() ? "" : " (it belongs to \"",
                   c.event->program_id.c_str(), c.event->program_id.empty() ? "" : "\")");
      break;
    case EventRefusal::NoSignups:
      std::fprintf(stderr,
                   "kiosk: program \"%s\" takes no sign-ups, so neither does event \"%s\"\n",
                   program.id.c_str(), e);
      break;
    case EventRefusal::Passed:
      std::fprintf(stderr,
                   "kiosk: event \"%s\" has passed (today is %s): it takes no more sign-ups\n", e,
                   today.c_str());
      break;
  }
  return false;
}

// The form to fill: `form_id`, composed with `--program` when given or needed (and `--event`
// checked against it). nullptr after a message on stderr (exit 2: bad usage).
std::shared_ptr<const FormSpec> form_to_fill(const RunContext& ctx, const std::string& form_id) {
  auto base = find_form(form_id);
  if (!base) return nullptr;
  const std::string& program_id = ctx.options.program_id;
  if (program_id.empty() && base->is_program_form()) {
    std::fprintf(
        stderr,
        "kiosk: %s is the sign-up form of programs: add --program ID (see kiosk --list-programs)\n",
        form_id.c_str());
    return nullptr;
  }
  // Always the content: besides a program's questions, it holds the fees a form states and the
  // places it offers (compose_form).
  std::optional<Catalogue> cat = catalogue_for(ctx);
  if (!cat) return nullptr;
  const Program* program = nullptr;
  if (!program_id.empty()) {
    program = cat->find_program(program_id);
    if (!program) {
      std::fprintf(stderr, "kiosk: unknown program \"%s\" (see kiosk --list-programs)\n",
                   program_id.c_str());
      return nullptr;
    }
    if (!ctx.options.event_id.empty() && !event_allowed(*cat, *program, ctx.options.event_id))
      return nullptr;
  }
  forms::ComposeResult r = forms::compose_form(*base, program, *cat);
  for (const auto& e : r.errors) std::fprintf(stderr, "kiosk: %s\n", e.c_str());
  return r.form;
}

// Reads the answers file; nullopt after a message (the caller exits 2). Never echoes its content.
std::optional<forms::SecureString> read_answers_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "kiosk: cannot read the answers file %s: %s\n", path.c_str(),
                 std::strerror(errno));
    return std::nullopt;
  }
  forms::SecureString bytes;
  bytes.reserve(64 * 1024);
  char buf[16 * 1024];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    bytes.append(buf, static_cast<std::size_t>(in.gcount()));
    if (bytes.size() > kMaxAnswersFileBytes) {
      std::fprintf(
          stderr,
          "kiosk: %s is larger than 1 MB: not an answers file (see kiosk --answers-example)\n",
          path.c_str());
      forms::wipe_buffer(bytes);
      sodium_memzero(buf, sizeof buf);
      return std::nullopt;
    }
  }
  sodium_memzero(buf, sizeof buf);
  if (in.bad()) {
    std::fprintf(stderr, "kiosk: cannot read the answers file %s\n", path.c_str());
    return std::nullopt;
  }
  return bytes;
}

// Stores the validated answers; prints the confirmation code. Returns the exit code.
int enqueue(const RunContext& ctx, const FormSpec& form, const forms::Answers& answers, Lang lang) {
  forms::SubmissionDraft draft = forms::make_submission(answers, lang, "staff_entry");
  int rc = 1;
  try {
    store::Outbox box(ctx.data_dir);
    crypto::Result<store::NewSubmission> ns =
        seal_submission(SealingIdentity::load(ctx.config, ctx.data_dir, box.kiosk_id()), form,
                        draft, lang, "", process_clock(), ctx.options.event_id);
    if (!ns) {
      std::fprintf(stderr, "kiosk: not saved: %s. Nothing was stored.\n", ns.error().c_str());
      return 1;
    }
    std::string id = box.enqueue(*ns);
    std::string code = forms::confirmation_code(form.code_prefix, id);
    log::info("submit: saved a " + form.id + " v" + std::to_string(form.version) + " submission " +
              id + (form.program_id.empty() ? "" : " for program " + form.program_id) +
              (ctx.options.event_id.empty() ? "" : ", event " + ctx.options.event_id) +
              " (staff entry, sealed)");
    std::printf("%s\n", code.c_str());
    rc = 0;
  } catch (const store::StoreError& e) {
    log::error(std::string("submit: could not save the submission: ") + e.what());
    std::fprintf(stderr,
                 "kiosk: could not save: %s. Nothing was stored; the answers file is unchanged.\n",
                 e.what());
  } catch (const crypto::CryptoError& e) {
    log::error(std::string("submit: could not seal the submission: ") + e.what());
    std::fprintf(stderr, "kiosk: could not seal: %s. Nothing was stored.\n", e.what());
  }
  forms::wipe_buffer(draft.payload_json);  // sealed or not, the plaintext goes now
  return rc;
}

}  // namespace

int cmd_list_forms(const RunContext&) {
  const forms::FormSet& set = forms::bundled_forms();
  for (const auto& e : set.errors) std::fprintf(stderr, "kiosk: form not offered: %s\n", e.c_str());
  json out = json::array();
  for (const auto& f : set.forms) {
    json released = json::array();
    for (const auto& r : set.released)
      if (r->id == f->id) released.push_back(r->version);
    out.push_back({{"id", f->id},
                   {"version", f->version},
                   {"released_versions", released},
                   {"title", {{"en", f->title.en}, {"es", f->title.es}}}});
  }
  std::printf("%s\n", out.dump(2).c_str());
  return 0;
}

int cmd_answers_example(const RunContext& ctx) {
  auto form = form_to_fill(ctx, ctx.options.mode_arg);
  if (!form) return 2;
  forms::Answers answers(*form);
  forms::fill_example_answers(answers, forms::local_date(process_clock().wall()));
  std::printf("%s\n", forms::answers_file_json(answers).dump(2).c_str());
  return 0;
}

int cmd_submit(const RunContext& ctx) {
  Lang lang = message_lang(ctx);
  auto form = form_to_fill(ctx, ctx.options.mode_arg);
  if (!form) return 2;
  const std::string& path = ctx.options.answers_file;
  auto bytes = read_answers_file(path);
  if (!bytes) return 2;

  json doc = json::parse(bytes->begin(), bytes->end(), nullptr, false);
  forms::wipe_buffer(*bytes);
  if (doc.is_discarded()) {
    // nlohmann's own message quotes the text near the error, which may be personal: say less.
    std::fprintf(stderr,
                 "kiosk: %s is not valid JSON (see kiosk --answers-example %s for the format)\n",
                 path.c_str(), form->id.c_str());
    return 1;
  }
  forms::Answers answers(*form);
  std::vector<forms::FieldError> errors = forms::answers_from_json(doc, answers);
  forms::wipe_json(doc);
  // Fields whose JSON had the wrong shape are reported once, by the shape error.
  std::set<std::string> misshapen;
  for (const auto& e : errors) misshapen.insert(e.field_id);
  for (auto& e : forms::validate_answers(
           answers, forms::ValidationContext{forms::local_date(process_clock().wall())}))
    if (!misshapen.count(e.field_id)) errors.push_back(std::move(e));
  if (!errors.empty()) {
    for (const auto& e : errors)
      std::printf("%s: %s\n", e.where().c_str(), e.message.get(lang).c_str());
    std::fprintf(stderr, "kiosk: %zu answer%s to fix in %s; nothing was saved\n", errors.size(),
                 errors.size() == 1 ? "" : "s", path.c_str());
    log::info("submit: " + form->id + " refused: " + std::to_string(errors.size()) +
              " field errors (staff entry)");
    return 1;
  }
  return enqueue(ctx, *form, answers, lang);
}

}  // namespace kiosk

// Headless commands: one function per run mode, each returning the process exit code.
// 0 ok, 1 a failed check or operation, 2 bad usage or configuration, 3 (sync) retryable work left.
#pragma once
#include "kiosk/cli/run_context.h"

namespace kiosk {

int cmd_check_content(const RunContext& ctx);    // --check-content DIR
int cmd_list_programs(const RunContext& ctx);    // --list-programs
int cmd_list_forms(const RunContext& ctx);       // --list-forms (ids, versions, titles as JSON)
int cmd_answers_example(const RunContext& ctx);  // --answers-example FORM_ID [--program ID]
int cmd_submit(
    const RunContext& ctx);  // --submit FORM_ID --answers FILE [--program ID] (1: field errors)
int cmd_status(const RunContext& ctx);  // --status (outbox counts as JSON)
int cmd_sync_once(
    const RunContext& ctx);  // --sync-once (0 none pending, 1 config fault, 3 retry left)
int cmd_set_pin(const RunContext& ctx);  // --set-pin (PIN twice on stdin; 1: mismatch or invalid)
int cmd_export(const RunContext& ctx);   // --export DIR (prints both paths and the count)
int cmd_import(const RunContext& ctx);   // --import FILE (1: bad manifest or file)
int cmd_new_department_keys(
    const RunContext& ctx);  // --new-department-keys DIR (1: a file exists or cannot be written)
int cmd_say(
    const RunContext& ctx);  // --say TEXT --wav FILE [--lang es] (2: cannot synthesise/write)

}  // namespace kiosk

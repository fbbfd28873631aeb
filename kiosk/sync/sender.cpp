// The upload pass: due records oldest first, one request each, verdicts applied to the outbox.
#include "kiosk/sync/sender.h"

#include <random>
#include <unordered_set>

#include "kiosk/core/log.h"
#include "kiosk/sync/endpoint_policy.h"
#include "kiosk/sync/envelope.h"

namespace kiosk::sync {

using namespace std::chrono;

namespace {

// Later than any next_attempt_at: "every pending row, whatever its backoff".
constexpr const char* kFarFuture = "2200-01-01T00:00:00Z";

// A 500 may be about one record; this many failures in a row, on different records, are about
// the server: then the queue gate spaces the probes instead of trying every record in turn.
constexpr int kFailuresBeforeGate = 3;

std::string short_id(const std::string& id) { return id.substr(0, 8); }

std::string seconds_words(Millis d) {
  auto s = duration_cast<seconds>(d + milliseconds(999)).count();
  return std::to_string(s) + " s";
}

uint64_t os_seed() {
  std::random_device rd;
  return (static_cast<uint64_t>(rd()) << 32) ^ rd();
}

}  // namespace

Sender::Sender(store::Outbox& outbox, HttpTransport& transport, Clock& clock,
               SenderSettings settings)
    : outbox_(outbox),
      transport_(transport),
      clock_(clock),
      settings_(std::move(settings)),
      backoff_(seconds(settings_.upload.backoff_base_s), seconds(settings_.upload.backoff_cap_s),
               settings_.seed ? settings_.seed : os_seed()) {
  url_host_ = check_endpoint(settings_.upload).host;
  wall_offset_ns_ = wall_minus_mono_ns(clock_);
}

std::string Sender::ceil_wall_after(Millis d) const {
  // Persisted times have whole seconds: round up so a record is never retried before its delay.
  return format_rfc3339(clock_.wall() + d + milliseconds(999));
}

void Sender::startup() {
  int reset = 0, clamped = 0;
  {
    reset = outbox_.reset_sending();
    clamped = outbox_.clamp_next_attempts(ceil_wall_after(backoff_.cap()));
  }
  state_ = load_sync_state(outbox_);
  if (state_.paused && state_.config_fingerprint != upload_fingerprint(settings_.upload)) {
    log::info("sync: the upload configuration has changed since the queue was paused; resuming");
    state_.paused = false;
    state_.paused_reason.clear();
    save_state();
  }
  wall_offset_ns_ = wall_minus_mono_ns(clock_);
  if (reset || clamped)
    log::info("sync: start-up: " + std::to_string(reset) +
              " interrupted upload(s) back to pending, " + std::to_string(clamped) +
              " retry time(s) pulled back to the cap");
  changed();
}

void Sender::check_wall_clock() {
  int64_t now = wall_minus_mono_ns(clock_);
  int64_t moved = now - wall_offset_ns_;
  wall_offset_ns_ = now;
  if (moved > -2'000'000'000LL) return;  // forward jumps only make rows due early: harmless
  int clamped = 0;
  { clamped = outbox_.clamp_next_attempts(ceil_wall_after(backoff_.cap())); }
  log::warn("sync: the wall clock went back by " + std::to_string(-moved / 1'000'000'000LL) +
            " s; " + std::to_string(clamped) + " retry time(s) pulled back to the cap");
  if (clamped) changed();
}

void Sender::save_state() { save_sync_state(outbox_, state_); }

void Sender::flush_acks() {
  if (acks_.empty()) return;
  { outbox_.mark_sent(acks_); }
  acks_written();
}

void Sender::claim_ahead(const std::vector<store::Submission>& rows, size_t from,
                         const std::unordered_set<std::string>* skip) {
  std::vector<std::string> ids{rows[from].id};
  for (size_t j = from + 1; j < rows.size() && static_cast<int>(ids.size()) < settings_.claim_group;
       ++j) {
    if (claimed_.count(rows[j].id) || (skip && skip->count(rows[j].id))) continue;
    ids.push_back(rows[j].id);
  }
  std::vector<std::string> got;
  { got = outbox_.claim(ids, acks_); }
  claimed_.insert(got.begin(), got.end());
  if (!acks_.empty()) acks_written();
}

void Sender::release_claimed() {
  if (claimed_.empty()) return;
  std::vector<std::string> ids(claimed_.begin(), claimed_.end());
  { outbox_.release(ids); }
  claimed_.clear();
}

void Sender::acks_written() {
  acks_.clear();
  // Seconds precision: during a fast drain the state is rewritten at most once a second.
  std::string now = format_rfc3339(clock_.wall());
  if (now != state_.last_success_at) {
    state_.last_success_at = now;
    save_state();
  }
  changed();
}

void Sender::record_error(const std::string& words) {
  state_.last_error = words;
  state_.last_error_at = format_rfc3339(clock_.wall());
  save_state();
}

void Sender::pause(const std::string& reason, const std::string& log_reason) {
  state_.paused = true;
  state_.paused_reason = reason;
  state_.paused_at = format_rfc3339(clock_.wall());
  state_.config_fingerprint = upload_fingerprint(settings_.upload);
  state_.last_error = reason;
  state_.last_error_at = state_.paused_at;
  save_state();
  log::error("sync: uploads paused (configuration fault): " + log_reason);
}

void Sender::resume() {
  if (state_.paused) log::info("sync: uploads resumed by staff");
  state_.paused = false;
  state_.paused_reason.clear();
  save_state();
  gate_.reset();
  consecutive_failures_ = gate_failures_ = 0;
  { outbox_.clamp_next_attempts(format_rfc3339(clock_.wall())); }
  changed();
}

void Sender::network_changed() {
  gate_.reset();
  consecutive_failures_ = gate_failures_ = 0;
  probe_ = true;
}

Sender::Step Sender::attempt(const store::Submission& s, PassSummary& sum) {
  if (claimed_.erase(s.id) == 0) return Step::Continue;  // no longer pending (discarded by staff)
  std::string why;
  auto env = build_envelope(s, EnvelopeContext{outbox_.kiosk_id(), settings_.app_version}, why);
  if (!env) {
    { outbox_.mark_rejected(s.id, why); }
    ++sum.unsendable;
    sum.last_error = "record " + short_id(s.id) + " cannot be uploaded: " + why;
    record_error(sum.last_error);
    log::error("sync: record " + s.id + " cannot be uploaded (" + why +
               "); marked rejected, kept for staff");
    changed();
    return Step::Continue;
  }
  HttpReply reply = transport_.post(env->body, env->headers);
  ++requests_;
  ++sum.tried;
  Outcome o = classify_reply(reply, clock_.wall());
  switch (o.verdict) {
    case Verdict::Sent:
      acks_.emplace_back(s.id, o.receipt_id);
      ++sum.sent;
      if (reply.status == 409) ++sum.already_there;
      consecutive_failures_ = gate_failures_ = 0;
      gate_.reset();
      if (outage_) {
        // The server answers again: the other records' delays were the outage's, not theirs.
        outage_ = false;
        flush_acks();
        int n = 0;
        { n = outbox_.clamp_next_attempts(format_rfc3339(clock_.wall())); }
        log::info("sync: the server is reachable again; " + std::to_string(n) +
                  " waiting record(s) due now");
        changed();
      }
      // With nothing claimed left, the next claim (or the end of the pass) writes the acks.
      if (static_cast<int>(acks_.size()) >= settings_.ack_group && !claimed_.empty()) flush_acks();
      return Step::Continue;

    case Verdict::Rejected: {
      outbox_.mark_rejected(s.id, o.reason);
    }
      ++sum.rejected;
      consecutive_failures_ = gate_failures_ = 0;
      gate_.reset();
      sum.last_error = "record " + short_id(s.id) + " was rejected: " + o.reason;
      record_error(sum.last_error);
      log::warn("sync: record " + s.id + " rejected by the server (HTTP " +
                std::to_string(reply.status) + ", reply body " + std::to_string(reply.body.size()) +
                " bytes); kept for staff");
      changed();
      return Step::Continue;

    case Verdict::Retry: {
      ++consecutive_failures_;
      Millis record_delay = backoff_.delay(s.attempts + 1, o.retry_after);
      std::string queue_words;
      if (o.queue_wide || consecutive_failures_ >= kFailuresBeforeGate) {
        outage_ = true;
        ++gate_failures_;
        Millis gate_delay = backoff_.delay(gate_failures_, o.retry_after);
        gate_ = clock_.now() + gate_delay;
        queue_words = ", queue in " + seconds_words(gate_delay);
      }
      std::string words = o.reason;
      if (o.retry_after) words += "; the server asked to wait " + seconds_words(*o.retry_after);
      { outbox_.mark_retry(s.id, ceil_wall_after(record_delay), words); }
      ++sum.retry;
      sum.last_error = words;
      record_error(words);
      log::warn("sync: upload of " + s.id + " failed (" +
                (reply.transport == Transport::Ok ? "HTTP " + std::to_string(reply.status)
                                                  : reply.error) +
                "); record retries in " + seconds_words(record_delay) + queue_words);
      changed();
      if (o.queue_wide) {
        sum.ended_early = true;
        return Step::EndPass;
      }
      return Step::Continue;
    }

    case Verdict::Pause: {
      outbox_.mark_retry(s.id, s.next_attempt_at, o.reason);  // back in the queue, nothing rejected
    }
      pause(o.reason, o.log_reason);
      sum.paused = true;
      sum.last_error = o.reason;
      changed();
      return Step::EndPass;

    case Verdict::Interrupted: {
      outbox_.mark_retry(s.id, s.next_attempt_at, s.last_error);  // as it was before the attempt
    }
      sum.interrupted = true;
      changed();
      return Step::EndPass;
  }
  return Step::EndPass;
}

template <class Body>
PassSummary Sender::guarded_pass(const std::atomic<bool>& stop, Body body) {
  PassSummary sum;
  try {
    body(sum);
    if (stop) sum.interrupted = true;
    flush_acks();
  } catch (...) {
    // The store failed: rows we claimed or acknowledged may still read `sending`; take them back
    // before the next pass (we hold the SenderLock, so no other process has them in flight).
    acks_.clear();
    claimed_.clear();
    reset_needed_ = true;
    throw;
  }
  return sum;
}

PassSummary Sender::send_due(const std::atomic<bool>& stop) {
  if (state_.paused) return {};
  return guarded_pass(stop, [&](PassSummary& sum) {
    if (reset_needed_) {
      outbox_.reset_sending();
      reset_needed_ = false;
    }
    bool end = false;
    while (!end && !stop) {
      if (gate_ && clock_.now() < *gate_) break;
      auto rows = outbox_.due(format_rfc3339(clock_.wall()), settings_.batch);
      if (rows.empty() && probe_) rows = outbox_.due(kFarFuture, 1);
      probe_ = false;
      if (rows.empty()) break;
      for (size_t i = 0; i < rows.size(); ++i) {
        if (stop || (gate_ && clock_.now() < *gate_)) {
          end = true;
          break;
        }
        if (!claimed_.count(rows[i].id)) claim_ahead(rows, i);
        if (attempt(rows[i], sum) == Step::EndPass) {
          end = true;
          break;
        }
      }
      release_claimed();
    }
  });
}

PassSummary Sender::send_all_once(const std::atomic<bool>& stop) {
  if (state_.paused) {
    // Not the pause's reason: it may quote the server (Outcome::reason), which stays off the log.
    log::info("sync: a staff retry lifts the pause");
    state_.paused = false;
    state_.paused_reason.clear();
    save_state();
  }
  gate_.reset();
  probe_ = false;
  return guarded_pass(stop, [&](PassSummary& sum) {
    std::unordered_set<std::string> tried;
    bool end = false;
    while (!end && !stop) {
      auto rows = outbox_.due(kFarFuture, static_cast<int>(tried.size()) + settings_.batch);
      bool fresh = false;
      for (size_t i = 0; i < rows.size(); ++i) {
        if (!tried.insert(rows[i].id).second) continue;
        fresh = true;
        if (stop) {
          end = true;
          break;
        }
        if (!claimed_.count(rows[i].id)) claim_ahead(rows, i, &tried);
        if (attempt(rows[i], sum) == Step::EndPass) {
          end = true;
          break;
        }
      }
      release_claimed();
      if (!fresh) break;
    }
  });
}

std::optional<Clock::Mono> Sender::next_wake() {
  auto earliest = outbox_.earliest_next_attempt();
  if (!earliest) return gate_;
  Clock::Mono now = clock_.now();
  Clock::Wall when;
  Millis until(0);
  if (parse_rfc3339(*earliest, when)) {
    auto wall_now = clock_.wall();
    if (when > wall_now) until = std::min(duration_cast<Millis>(when - wall_now), backoff_.cap());
  }
  Clock::Mono due = now + until;
  if (gate_ && *gate_ > due) due = *gate_;
  return due;
}

}  // namespace kiosk::sync

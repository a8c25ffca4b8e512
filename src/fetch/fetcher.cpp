#include "fetch/fetcher.hpp"

#include "core/dates.hpp"
#include "core/hash.hpp"
#include "ingest/file_reader.hpp"
#include "ingest/ingester.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <ctime>
#include <thread>

namespace courtside::fetch {

namespace fs = std::filesystem;

namespace {

std::optional<int64_t> header_int(const HttpResponse& r, const std::string& name) {
    std::string v = r.header(name);
    int64_t out = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (v.empty() || ec != std::errc()) {
        double d = 0;  // the Odds API sends some counts as "123.0"
        auto [p2, ec2] = std::from_chars(v.data(), v.data() + v.size(), d);
        if (v.empty() || ec2 != std::errc()) return std::nullopt;
        return static_cast<int64_t>(d);
    }
    return out;
}

std::string body_snippet(const std::string& body) {
    std::string s = body.substr(0, 120);
    std::replace_if(s.begin(), s.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
    return s;
}

}  // namespace

std::string FetchReport::summary() const {
    std::string s = fmt::format(
        "fetch {}: {} requests ({} retries), {} payloads accepted ({} new in the archive, {} bytes), {} reused from the "
        "archive, {} ingested, {} failed; {:.2f}s",
        run_id, requests, retries, accepted, new_in_archive, bytes, reused, ingested, failures.size(), seconds);
    for (const auto& [t, n] : rows_by_table) s += fmt::format("\n  {:<22} {:>9} rows", t, n);
    if (quota_remaining || quota_used)
        s += fmt::format("\n  Odds API quota: {} requests remaining, {} used, last request cost {}",
                         quota_remaining ? std::to_string(*quota_remaining) : "?", quota_used ? std::to_string(*quota_used) : "?",
                         quota_last ? std::to_string(*quota_last) : "?");
    return s;
}

Fetcher::Fetcher(store::Connection& con, const SourcesConfig& config, FetcherOptions options, Redactor redactor)
    : con_(con), config_(config), options_(std::move(options)), redactor_(std::move(redactor)), retry_(config.retry),
      archive_(options_.archive_dir), log_(con, new_run_id()),
      unreachable_(options_.unreachable ? options_.unreachable : std::make_shared<UnreachableHosts>()) {
    for (const auto& [source, host] : config_.hosts) limiter_.configure(source, host.requests_per_second, host.burst);
    started_ = Clock::now();
    deadline_ = started_ + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(config_.deadline_seconds));
    report_.run_id = log_.run_id();
}

Fetcher::~Fetcher() {
    try {
        log_.flush();
    } catch (const std::exception&) {
        // The store is failing already; the archive still holds every accepted payload.
    }
}

const std::map<std::string, Archive::Stored>& Fetcher::captures(const std::string& source) {
    auto it = captures_.find(source);
    if (it == captures_.end()) it = captures_.emplace(source, archive_.captures(source)).first;
    return it->second;
}

void Fetcher::fail(const Request& r, const std::string& url, const std::string& reason) {
    report_.failures.push_back({r.source, r.endpoint, r.target, url, redactor_.text(reason)});
}

std::optional<std::string> Fetcher::fetch(const Request& req) {
    const std::string url = redactor_.url(req.url);
    FetchLogRow row;
    row.source = req.source;
    row.endpoint = req.endpoint;
    row.target = req.target;
    row.url = url;

    // --missing: a final capture of this URL is already archived; hand it to ingest again (a
    // no-op when the store holds it) instead of fetching it twice.
    if (options_.missing && req.final_after_us != kNeverFinal) {
        const auto& have = captures(req.source);
        if (auto it = have.find(url); it != have.end() && it->second.fetched_at_us >= req.final_after_us) {
            row.outcome = "reused";
            row.reason = "archived " + core::format_utc_micros(it->second.fetched_at_us);
            row.content_hash = it->second.hash;
            row.archive_file = it->second.path.string();
            row.fetched_at_us = core::now_micros();
            int64_t seq = log_.record(row);
            ++report_.reused;
            pending_.push_back({it->second.path, seq, {req.source, req.endpoint, req.target, url, ""}, true});
            std::string body = ingest::read_source_file(it->second.path).text;
            if (pending_.size() >= options_.ingest_batch) flush();
            return body;
        }
    }

    if (auto down = unreachable_->down(req.source)) {
        row.attempt = 1;
        row.outcome = "failed";
        row.reason = fmt::format("not tried: {} could not be reached earlier in this run ({})", req.source, *down);
        row.fetched_at_us = core::now_micros();
        log_.record(row);
        fail(req, url, row.reason);
        return std::nullopt;
    }
    const HostConfig& host = config_.host(req.source);
    for (int attempt = 1;; ++attempt) {
        auto left = deadline_ - Clock::now();
        if (left <= Clock::duration::zero()) {
            row.attempt = attempt;
            row.outcome = "failed";
            row.reason = fmt::format("the run's deadline ({} s) passed before attempt {}", config_.deadline_seconds, attempt);
            row.fetched_at_us = core::now_micros();
            log_.record(row);
            fail(req, url, row.reason);
            return std::nullopt;
        }
        limiter_.acquire(req.source);
        HttpRequest hr{req.url, req.headers, host.connect_timeout_ms, host.timeout_ms};
        const int left_ms = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(left).count());
        hr.timeout_ms = std::max(1, std::min(hr.timeout_ms, left_ms));
        row = FetchLogRow{};
        row.source = req.source;
        row.endpoint = req.endpoint;
        row.target = req.target;
        row.url = url;
        row.attempt = attempt;
        row.fetched_at_us = core::now_micros();
        HttpResponse resp = http_.get(hr);
        ++report_.requests;
        row.duration_ms = resp.seconds * 1000.0;
        if (resp.status) row.status = resp.status;
        if (resp.error == TransportError::None) row.bytes = static_cast<int64_t>(resp.body.size());
        if (req.source == "odds_api" && resp.status) {
            row.quota_remaining = header_int(resp, "x-requests-remaining");
            row.quota_used = header_int(resp, "x-requests-used");
            row.quota_last = header_int(resp, "x-requests-last");
            if (row.quota_remaining) report_.quota_remaining = row.quota_remaining;
            if (row.quota_used) report_.quota_used = row.quota_used;
            if (row.quota_last) report_.quota_last = row.quota_last;
        }

        if (auto transient = RetryPolicy::transient_reason(resp)) {
            std::string why = redactor_.text(*transient);
            std::optional<std::chrono::milliseconds> wait;
            if (retry_.attempts_left(attempt)) wait = retry_.delay(attempt + 1, resp, std::time(nullptr));
            if (!retry_.attempts_left(attempt)) {
                row.outcome = "failed";
                row.reason = fmt::format("{} (attempt {} of {}: no attempts left)", why, attempt, retry_.config().max_attempts);
            } else if (!wait) {
                row.outcome = "failed";
                row.reason = fmt::format("{} with Retry-After {} s, over max_retry_after_s {}", why, resp.header("retry-after"),
                                         retry_.config().max_retry_after_s);
            } else if (Clock::now() + *wait >= deadline_) {
                row.outcome = "failed";
                row.reason = fmt::format("{}; the retry in {} ms would pass the run's deadline", why, wait->count());
            } else {
                row.outcome = "retry";
                row.reason = fmt::format("{}; retrying in {} ms", why, wait->count());
                log_.record(row);
                ++report_.retries;
                std::this_thread::sleep_for(*wait);
                continue;
            }
            log_.record(row);
            fail(req, url, row.reason);
            if (resp.error == TransportError::ConnectFailed) {
                if (unreachable_->mark(req.source, why))
                    fmt::print(stderr, "courtside: fetch: {} unreachable ({}): its requests of the next minute fail at once\n",
                               req.source, why);
            }
            return std::nullopt;
        }
        if (!resp.ok()) {
            row.outcome = "failed";
            row.reason = resp.error != TransportError::None
                             ? redactor_.text(resp.error_text)
                             : fmt::format("HTTP {}: {}", resp.status, redactor_.text(body_snippet(resp.body)));
            log_.record(row);
            fail(req, url, row.reason);
            return std::nullopt;
        }

        unreachable_->reached(req.source);  // reached: a probe after the minute clears it
        Capture cap{req.source, req.endpoint, url, resp.header("content-type"), resp.status, row.fetched_at_us};
        if (auto bad = req.check ? req.check(resp.body) : std::nullopt) {
            // Not the payload: kept as evidence outside the archive, quarantined, never ingested.
            std::string reason = redactor_.text(*bad);
            Archived rej = archive_.reject(cap, resp.body, reason);
            {
                store::Transaction t(con_);  // not committed after a failed commit of this process
                auto q = con_.prepare("INSERT OR REPLACE INTO ops.quarantine VALUES (?, ?, ?, NULL, ?, make_timestamp(?))");
                q.bind(1, url).bind(2, rej.hash).bind(3, "fetch:" + req.endpoint).bind(4, reason).bind(5, row.fetched_at_us).execute();
                t.commit();
            }
            ++report_.quarantined;
            row.outcome = "rejected";
            row.reason = reason;
            row.content_hash = rej.hash;
            row.archive_file = rej.path.string();
            log_.record(row);
            fail(req, url, "rejected: " + reason);
            return std::nullopt;
        }
        Archived a = archive_.put(cap, resp.body);
        captures_.erase(req.source);  // the manifest changed
        ++report_.accepted;
        report_.new_in_archive += a.already_stored ? 0 : 1;
        report_.bytes += resp.body.size();
        row.outcome = "archived";
        row.content_hash = a.hash;
        row.archive_file = a.path.string();
        int64_t seq = log_.record(row);
        pending_.push_back({a.path, seq, {req.source, req.endpoint, req.target, url, ""}});
        if (pending_.size() >= options_.ingest_batch) flush();
        return std::move(resp.body);
    }
}

void Fetcher::flush() {
    if (pending_.empty()) {
        log_.flush();
        report_.seconds = std::chrono::duration<double>(Clock::now() - started_).count();
        return;
    }
    std::vector<fs::path> paths;
    for (const auto& p : pending_) paths.push_back(p.path);
    ingest::IngestOptions opt;
    opt.workers = options_.workers;
    ingest::IngestReport r = ingest::ingest_paths(con_, paths, opt);
    std::map<std::string, std::string> problems;  // path -> why ingest did not load it
    report_.quarantined += r.quarantined.size();
    for (const auto& q : r.quarantined)
        problems[q.file] = fmt::format("quarantined by ingest{}: {}", q.row ? fmt::format(" (row {})", q.row) : "", q.reason);
    for (const auto& s : r.skipped) problems[s.file] = "ingest has no parser for it: " + s.reason;
    for (const auto& [t, n] : r.rows_by_table) report_.rows_by_table[t] += n;
    for (auto& p : pending_) {
        auto it = problems.find(p.path.string());
        if (it == problems.end()) {
            if (p.reused) continue;
            log_.set_outcome(p.log_seq, "ingested", "");
            ++report_.ingested;
        } else {
            log_.set_outcome(p.log_seq, "not_ingested", redactor_.text(it->second));
            p.what.reason = "archived, not ingested: " + redactor_.text(it->second);
            report_.failures.push_back(p.what);
        }
    }
    pending_.clear();
    log_.flush();
    report_.seconds = std::chrono::duration<double>(Clock::now() - started_).count();
}

}  // namespace courtside::fetch

#include "daily/daily_run.hpp"

#include "core/game_id.hpp"
#include "core/hash.hpp"
#include "core/version.hpp"
#include "daily/daily_fetch.hpp"
#include "daily/daily_report.hpp"
#include "grading/grade_summary.hpp"
#include "grading/grader.hpp"
#include "grading/grades_table.hpp"
#include "ingest/ingester.hpp"
#include "models/market.hpp"
#include "models/model_info.hpp"
#include "models/model_tables.hpp"
#include "models/picks_table.hpp"
#include "models/predictor_spec.hpp"
#include "models/registry.hpp"
#include "models/training_set.hpp"
#include "models/xgb_trainer.hpp"
#include "picks/picks_builder.hpp"
#include "pipeline/partition_runner.hpp"
#include "pipeline/season_calendar.hpp"
#include "pregame/pregame_rows.hpp"
#include "store/column_docs.hpp"
#include "store/ledger.hpp"
#include "validate/checks.hpp"
#include "validate/validator.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <tuple>

namespace courtside::daily {

using T = store::ColumnType;
namespace doc = store::doc;

const store::TableSpec& daily_runs_spec() {
    static const store::TableSpec s{"ops", "daily_runs",
                                    {{"run_id", T::Text, true, "the run's id"},
                                     {"run_date", T::Date, true, "the game date the run is for (picks of it, grades of the day before)"},
                                     {"started_at", T::Timestamp, true, "when the run started", doc::kUtc},
                                     {"finished_at", T::Timestamp, false, "when it finished (NULL: still running)", doc::kUtc},
                                     {"status", T::Text, true, "running, ok, degraded, failed, or interrupted (killed or stopped before it finished: found so by the next run)"},
                                     {"summary", T::Text, false, "the one-screen summary printed at the end"},
                                     {"steps", T::Text, false, "JSON array of the steps: name, status, detail, seconds; and the inputs fingerprint"}},
                                    {"run_id"},
                                    "One row per `courtside daily` run: its date, status, summary and steps"};
    return s;
}

void ensure_daily_runs_table(store::Connection& con) { con.execute(daily_runs_spec().create_sql()); }

store::Result latest_runs(store::Connection& con, size_t limit) {
    auto q = con.prepare("SELECT run_id, run_date, started_at, finished_at, status, summary, steps "
                         "FROM ops.daily_runs ORDER BY started_at DESC NULLS LAST, run_id DESC LIMIT ?");
    q.bind(1, static_cast<int64_t>(limit));
    return q.execute();
}

namespace {

// What the day's outputs are computed from: a changed file, partition, line or model changes it.
std::string inputs_fingerprint(store::Connection& con, core::Date d) {
    const std::string day = core::format_date(d);
    auto rows = con.query(
        "SELECT (SELECT count(*) || ':' || coalesce(max(source_hash), '') FROM ops.ingested_files), "
        "(SELECT count(*) || ':' || coalesce(sum(rows), 0) || ':' || coalesce(max(epoch_us(started_at)), 0) FROM ops.partition_ledger), "
        "(SELECT count(*) || ':' || coalesce(sum(hash(player_id, market, line, books)), 0) FROM props.consensus_lines "
        "  WHERE game_date BETWEEN DATE '" + day + "' - 1 AND DATE '" + day + "'), "
        "(SELECT count(*) || ':' || coalesce(max(model_id), '') FROM models.registry)").rows_as_text();
    std::string all;
    for (const auto& c : rows[0]) all += c.value_or("") + "|";
    return core::content_hash(all + core::code_version());
}

// The game dates of D's season before D (the calendar's; none when the store has no season yet).
std::vector<core::Date> season_dates_before(const pipeline::SeasonCalendar& cal, core::Date d) {
    std::optional<int> season;
    for (const auto& [date, s] : cal.game_dates())
        if (date < d) season = s;
    std::vector<core::Date> out;
    if (!season) return out;
    for (const auto& [date, s] : cal.game_dates())
        if (s == *season && date < d) out.push_back(date);
    return out;
}

// One day's run: each step a method returning its status and detail; step() times it, records
// it and turns an exception into a failed step.
class DayRun {
public:
    DayRun(const pipeline::RunContext& ctx, const pipeline::Registry& registry, const DailyOptions& o)
        : ctx_(ctx), con_(ctx.con), registry_(registry), o_(o), day_(core::format_date(o.date)) {}

    DailyRun run() {
        run_.run_id = store::new_run_id();
        ensure_daily_runs_table(con_);
        models::ensure_model_tables(con_);
        models::ensure_picks_table(con_);
        // A run still marked running was killed or stopped (one process writes the store at a
        // time): closed as interrupted, not left running forever (audit).
        auto stale = con_.prepare("UPDATE ops.daily_runs SET status = 'interrupted', finished_at = make_timestamp(?), "
                                  "summary = 'stopped before it finished (killed or interrupted); found by run ' || ? WHERE status = 'running'");
        stale.bind(1, core::now_micros()).bind(2, run_.run_id).execute();
        auto ins = con_.prepare("INSERT INTO ops.daily_runs VALUES (?, ?, make_timestamp(?), NULL, 'running', NULL, NULL)");
        ins.bind(1, run_.run_id).bind_date(2, o_.date).bind(3, core::now_micros()).execute();

        bool ok = o_.from_dir.empty() ? (step("fetch", [&] { return fetch(); }), true) : step("ingest", [&] { return ingest(); });
        if (ok) {
            calendar_ = ctx_.calendar();  // the calendar only changes with ingest
            season_dates_ = season_dates_before(*calendar_, o_.date);
            // D in a season the store holds no game of (today, with last season's data only): the
            // day is said to be missing its season, not run and gated on last season's dates (audit).
            const int season = core::season_of_date(o_.date);
            const auto& dates = calendar_->game_dates();  // date -> season
            if (!dates.empty() && !calendar_->holds_season(season)) {
                // Where the store's games are around D's season: after them (today, on a store of
                // last season), between two seasons (2022-23 on a store of 2014-22 and 2024-26:
                // "no game scheduled" after running and gating 2021-22's dates), or before them.
                auto next = dates.lower_bound(o_.date);
                std::string around;
                if (next == dates.end())
                    around = fmt::format("its last game is {} ({})", core::format_date(dates.rbegin()->first),
                                         core::season_label(dates.rbegin()->second));
                else if (next == dates.begin())
                    around = fmt::format("its first game is {} ({})", core::format_date(next->first), core::season_label(next->second));
                else
                    around = fmt::format("its games stop on {} ({}) and resume on {} ({})", core::format_date(std::prev(next)->first),
                                         core::season_label(std::prev(next)->second), core::format_date(next->first),
                                         core::season_label(next->second));
                missing_season_ = fmt::format("the store holds no game of {} ({}'s season): {}; fetch the season first (`courtside fetch "
                                              "stats gamelog-team --season {}`, or `daily` without --offline)",
                                              core::season_label(season), day_, around, core::season_label(season));
                season_dates_.clear();
            }
            fingerprint_ = inputs_fingerprint(con_, o_.date);
            unchanged_ = fingerprint_ == last_fingerprint();
        }
        for (int phase : {3, 4})
            if (ok) ok = step(fmt::format("phase{}", phase), [&] { return run_phase(phase); });
        if (ok) ok = step("gates", [&] { return gates(); });
        // Phase 3/4 may have changed the inputs (a first run computes them): the fingerprint after.
        if (ok && !unchanged_) fingerprint_ = inputs_fingerprint(con_, o_.date);
        if (ok && o_.retrain == "weekly" && o_.system == "xgb") step("retrain", [&] { return retrain(); });
        if (ok && !unchanged_) fingerprint_ = inputs_fingerprint(con_, o_.date);
        // D-1's picks are settled and its lines graded whatever D's slate: a day without games (or
        // whose pre-game rows failed) left the picks of the day before it unsettled (audit).
        const bool slate_ok = ok && step("pregame", [&] { return pregame(); });
        for (const auto& market : o_.markets)
            if (slate_ok) step("picks " + market, [&] { return picks(market); });
        if (ok) step("settle yesterday", [&] { return settle_yesterday(); });
        for (const auto& market : o_.markets)
            if (ok) step("grade " + market, [&] { return grade_yesterday(market); });
        finish();
        return run_;
    }

private:
    using Outcome = std::pair<std::string, std::string>;  // status, detail

    // False when the step failed.
    bool step(const std::string& name, const std::function<Outcome()>& fn) {
        auto t0 = std::chrono::steady_clock::now();
        DailyStep s{name, "ok", "", 0};
        try {
            std::tie(s.status, s.detail) = fn();
        } catch (const std::exception& e) {
            s.status = "failed";
            s.detail = e.what();
        }
        s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        run_.steps.push_back(s);
        return s.status != "failed";
    }

    Outcome ingest() {
        auto rep = ingest::ingest_paths(con_, {o_.from_dir});
        // An empty directory is a morning scrape that brought nothing: said, not "unchanged" (audit).
        if (rep.files_seen == 0) return {"degraded", "no file in " + o_.from_dir + ": nothing to ingest"};
        std::string detail = fmt::format("{} files: {} loaded, {} unchanged, {} quarantined, {} skipped (not a source)", rep.files_seen,
                                         rep.files_loaded, rep.files_unchanged, rep.quarantined.size(), rep.skipped.size());
        if (!rep.quarantined.empty()) detail += " (first: " + rep.quarantined.front().file + ": " + rep.quarantined.front().reason + ")";
        if (!rep.skipped.empty()) detail += " (skipped: " + rep.skipped.front().file + ": " + rep.skipped.front().reason + ")";
        if (rep.skipped.size() == rep.files_seen) return {"degraded", detail + ": no file is a source, nothing to ingest"};
        return {rep.quarantined.empty() ? (rep.files_loaded ? "ok" : "unchanged") : "degraded", detail};
    }

    Outcome fetch() {
        if (!o_.sources) return {"unchanged", "offline: nothing fetched, the store as it is"};
        auto f = fetch_for_day(con_, *o_.sources, o_.archive_dir, o_.date, o_.workers);
        return {f.status, f.detail};
    }

    // The inputs' fingerprint of the last finished run of D ("" when none); its steps' outcomes
    // into last_steps_.
    std::string last_fingerprint() {
        auto last = con_.prepare("SELECT steps FROM ops.daily_runs WHERE run_date = ? AND status IN ('ok', 'degraded') "
                                 "ORDER BY finished_at DESC LIMIT 1");
        last.bind_date(1, o_.date);
        auto s = last.execute().scalar_string();
        if (!s) return "";
        auto j = nlohmann::json::parse(*s, nullptr, false);
        if (!j.is_object()) return "";
        if (j.contains("steps") && j["steps"].is_array())
            for (const auto& step : j["steps"])
                if (step.is_object()) last_steps_[step.value("name", "")] = {step.value("status", ""), step.value("detail", "")};
        return j.value("inputs", "");
    }

    // A step skipped because D's inputs are as at its last run keeps what that run found: a step
    // that was degraded then (no model, no lines) is still degraded, so a rerun never turns a
    // degraded day into an ok one.
    Outcome unchanged(const std::string& step) const {
        const std::string why = "inputs unchanged since the last run of " + day_;
        auto last = last_steps_.find(step);
        if (last != last_steps_.end() && last->second.first == "degraded") {
            // What the run that did the work found, not each rerun's account of it (audit: reruns nested the prefix).
            std::string found = last->second.second;
            const std::string prefix = why + ", which found: ";
            while (found.rfind(prefix, 0) == 0) found = found.substr(prefix.size());
            return {"degraded", prefix + found};
        }
        return {"unchanged", why};
    }

    Outcome run_phase(int phase) {
        const auto& dates = season_dates_;
        if (!missing_season_.empty()) return {"degraded", missing_season_};
        if (dates.empty()) return {"degraded", "no game date of the season before " + day_ + " in the store"};
        pipeline::RunOptions ro;
        ro.workers = o_.workers;
        // The season's dates are planned; a morning computes the new one: one commit per phase,
        // not one per processor (21 commits were 0.3 s of a 2.3 s day).
        ro.one_transaction = true;
        size_t computed = 0, failed = 0;
        std::string first_failure;
        for (const auto& s : pipeline::run_phase(ctx_, registry_, phase, dates, ro)) {
            computed += s.computed;
            failed += s.failed;
            if (first_failure.empty() && !s.failures.empty()) first_failure = s.processor + ": " + s.failures.front().detail;
        }
        std::string detail = fmt::format("{} dates ({} .. {}): {} partitions computed, {} failed", dates.size(),
                                         core::format_date(dates.front()), core::format_date(dates.back()), computed, failed);
        if (failed) return {"failed", detail + "; " + first_failure};
        return {computed ? "ok" : "unchanged", detail};
    }

    // The Phase 3/4 gates on the last game date before D; a failed check stops the day.
    Outcome gates() {
        if (!o_.gates) return {"degraded", "no validation config: Phase 3/4 not gated"};
        if (!missing_season_.empty()) return {"degraded", "nothing of " + day_ + "'s season to validate"};
        if (season_dates_.empty()) return {"degraded", "no game date of the season before " + day_ + " to validate"};
        const core::Date last = season_dates_.back();
        std::vector<std::string> tables = validate::tables_of_phase(registry_, 3);
        for (auto& t : validate::tables_of_phase(registry_, 4)) tables.push_back(std::move(t));
        auto reused = validate::reusable_validation(con_, registry_, tables, last, last);
        const bool reuse = reused && reused->exit_code() != 1;
        validate::ValidationRun v = reuse ? std::move(*reused)
                                          : validate::validate_tables(con_, registry_, *o_.gates, tables, last, last,
                                                                      {o_.workers, &*calendar_});
        std::string detail = fmt::format("{} checks of {} tables on {}{}: {}", v.results.size(), tables.size(),
                                         core::format_date(last), reuse ? " (reused, nothing changed)" : "", v.counts());
        for (const auto& r : v.results)
            if (r.status == validate::Status::Fail) return {"failed", detail + "; first: " + r.table + "." + r.check + ": " + r.detail};
        return {"ok", detail};
    }

    // weekly: an xgb model per market's stat on three seasons of v3 rows before D, when the latest
    // one's training range ends more than 7 days before D.
    Outcome retrain() {
        std::string detail, status = "unchanged";
        for (const auto& market : o_.markets) {
            const std::string stat = models::market(market).stat;
            std::optional<store::DateDays> latest;
            for (const auto& m : models::list_models(con_))
                if (m.system == "xgb" && m.stat() == stat && m.train_to < o_.date) latest = std::max(latest.value_or(m.train_to), m.train_to);
            if (!detail.empty()) detail += "; ";
            if (latest && *latest >= o_.date - 8) {
                detail += fmt::format("{}: latest model trained to {} (within 7 days)", market, core::format_date(*latest));
                continue;
            }
            const store::DateDays from = o_.date - 3 * 365, to = o_.date - 1;
            auto rows = models::load_feature_rows(con_, "v3", from, to);
            models::XgbParams params;
            params.stat = stat;
            auto idx = models::training_rows(rows, o_.date, stat);
            if (idx.size() < 2000) {
                detail += fmt::format("{}: only {} training rows before {}, not retrained", market, idx.size(), day_);
                status = "degraded";
                continue;
            }
            auto trained = models::train_xgb(rows, idx, params);
            auto info = models::describe_trained(trained, params, "xgb", "v3", from, to);
            info = models::save_model(con_, trained, info, o_.models_dir);
            detail += fmt::format("{}: trained {} on {} rows (games {} .. {})", market, info.id, idx.size(),
                                  core::format_date(info.first_game_date), core::format_date(info.last_game_date));
            unchanged_ = false;  // a new model: the picks change
            if (status == "unchanged") status = "ok";
        }
        return {status, detail};
    }

    Outcome pregame() {
        if (unchanged_) return unchanged("pregame");
        pregame::PregameRows r;
        try {
            r = pregame::build_pregame_rows(ctx_, o_.date);
        } catch (const pregame::NoGameScheduled& e) {  // said, not a failure: the day before is still settled and graded
            no_games_ = e.what();  // says when the store holds none of D's season
            return {"degraded", no_games_ + ": no pre-game rows, nothing to pick"};
        }
        std::string moved;  // players with a line whose latest team does not play on D
        if (r.placed_by_directory) moved += fmt::format(", {} placed on a new team by the player directory", r.placed_by_directory);
        if (r.lines_team_unknown)
            moved += fmt::format(", {} with a line but whose latest team does not play (no player directory from before the day "
                                 "places them: no pre-game row)",
                                 r.lines_team_unknown);
        if (r.lines_without_history) moved += fmt::format(", {} with a line but no game before the day", r.lines_without_history);
        std::string detail = fmt::format("{} teams, {} players slated, {} listed out{}, {} feature rows (v3){}", r.teams, r.players_slated,
                                         r.players_out, r.injury_report ? "" : " (no injury report)", r.rows["pregame.ml_feature_store_v3"],
                                         moved);
        // The day's game lines, before tip-off: one naming a team the team table does not know,
        // against a scheduled game, leaves that game's Vegas features empty (the features gate only
        // sees it once the games are played).
        if (const auto unknown = validate::lines_naming_unknown_teams(con_, o_.date, o_.date); unknown.rows > 0)
            return {"degraded", detail + "; " + unknown.text()};
        return {"ok", detail};
    }

    Outcome picks(const std::string& market) {
        if (unchanged_) return unchanged("picks " + market);
        if (!no_games_.empty()) return {"degraded", no_games_ + ": no " + market + " picks"};
        auto s = picks::build_picks(con_, {o_.date, market, picks_system(market), "", -1, 0, o_.pricing, ctx_.settings});
        std::string detail = fmt::format("{} lines: {} over, {} under, {} pass", s.lines, s.over, s.under, s.pass);
        if (!s.no_model.empty()) return {"degraded", detail + "; no prediction: " + s.no_model};
        if (s.lines == 0) return {"degraded", "no " + market + " lines on " + day_};
        return {"ok", detail + "; " + picks::pricing_text(s) + model_age(s.model)};
    }

    // "; model xgb_fg3m_v3_to20251105_554c4bcf, trained on games to 2025-11-05 (1 day before)": which
    // model each market's picks rest on and how old it is (only the retrain step said, and only
    // when it ran; audit).
    static constexpr int kStaleModelDays = 30;
    std::string model_age(const std::string& id) {
        if (id.empty()) return "";
        for (const auto& m : models::list_models(con_))
            if (m.id == id)
                return fmt::format("; model {}, trained on games to {} ({} day{} before){}", id, core::format_date(m.train_to),
                                   o_.date - m.train_to, o_.date - m.train_to == 1 ? "" : "s",
                                   // A model seasons old was 'ok' without a word beyond its age (audit).
                                   o_.date - m.train_to > kStaleModelDays
                                       ? fmt::format(": more than {} days old, it has not seen the latest games (`--retrain weekly` or "
                                                     "`courtside train`)",
                                                     kStaleModelDays)
                                       : "");
        return "; model " + id;
    }

    // D-1's picks settled against the box scores (a slated player without a row: did not play).
    Outcome settle_yesterday() {
        auto q = con_.prepare(
            "WITH x AS (SELECT p.market, p.side, p.line, s.player_id IS NULL AS dnp, "
            "  CASE WHEN p.market = 'points' THEN s.points ELSE s.fg3m END AS actual "
            "  FROM models.picks p LEFT JOIN analytics.player_game_summary s "
            "  ON s.player_id = p.player_id AND s.game_date = p.game_date AND s.minutes > 0 "
            "  WHERE p.game_date = ? AND p.system IN (?, ?) AND p.side <> 'PASS') "
            "SELECT market, count(*), count(*) FILTER (WHERE dnp), "
            "count(*) FILTER (WHERE (side = 'OVER' AND actual > line) OR (side = 'UNDER' AND actual < line)), "
            "count(*) FILTER (WHERE (side = 'OVER' AND actual < line) OR (side = 'UNDER' AND actual > line)), "
            "count(*) FILTER (WHERE actual = line) FROM x GROUP BY market ORDER BY market");
        q.bind_date(1, o_.date - 1).bind(2, o_.system).bind(3, "fg3m_" + o_.system);
        std::string detail;
        for (const auto& r : q.execute().rows_as_text()) {
            settled_[*r[0]] = {{"picks", std::stoll(*r[1])}, {"did_not_play", std::stoll(*r[2])}, {"won", std::stoll(*r[3])},
                               {"lost", std::stoll(*r[4])}, {"push", std::stoll(*r[5])}};
            detail += fmt::format("{}{}: {} picks, {} won, {} lost, {} push, {} did not play", detail.empty() ? "" : "; ", *r[0], *r[1],
                                  *r[3], *r[4], *r[5], *r[2]);
        }
        if (detail.empty()) {
            // "no picks" read as nothing stored when every line had passed (audit): say which.
            auto all = con_.prepare("SELECT count(*) FROM models.picks WHERE game_date = ? AND system IN (?, ?)");
            all.bind_date(1, o_.date - 1).bind(2, o_.system).bind(3, "fg3m_" + o_.system);
            const int64_t lines = all.execute().scalar_int().value_or(0);
            if (lines > 0) return {"ok", fmt::format("no side taken on {}: its {} lines all passed", core::format_date(o_.date - 1), lines)};
            return {"ok", "no picks on " + core::format_date(o_.date - 1)};
        }
        return {"ok", detail};
    }

    // D-1's lines of the market graded against the pre-game predictions the picks made, into
    // models.grades (what `grade` and serve's performance page read).
    Outcome grade_yesterday(const std::string& market) {
        if (unchanged_) return unchanged("grade " + market);
        grading::GradeOptions g;
        g.predictor = models::for_market(market, picks_system(market));
        g.from = g.to = o_.date - 1;
        // As the picks priced them: the market's blend, fitted on the lines graded before D-1.
        const models::Market& m = g.predictor.market_info();
        g.blend_with_line = o_.pricing == "market" && m.blend_with_line;
        g.blend = m.blend;
        auto graded = grading::grade_lines(con_, g);
        const std::string yesterday = core::format_date(o_.date - 1);
        if (graded.lines.empty()) return {"ok", "no " + market + " lines on " + yesterday};
        grading::write_grades(con_, graded);
        const auto s = grading::summarize(graded);
        if (s.graded == 0)
            return {"degraded", fmt::format("{} lines on {}, none graded (no prediction or result behind them)", s.lines, yesterday)};
        const auto& r = s.by_edge.record;
        // The market's lines as `grade` bets them, not the day's picks (settle says those): read as
        // profit on bets never made when it said only "by edge" (audit).
        return {"ok", fmt::format("{} lines on {}: {} graded, MAE {:.2f} (the line's {:.2f}); as `grade` bets them by edge "
                                  "(not the picks): {} won, {} lost, {} push, {:+.2f} units",
                                  s.lines, yesterday, s.graded, s.model.mae, s.line.mae, r.wins(), r.losses(), r.pushes(), r.units())};
    }

    // The system a market's picks use: a formula's analogue in the market (season_avg ->
    // fg3m_season_avg for threes); xgb picks the stat's model.
    std::string picks_system(const std::string& market) const {
        return models::system_for_market(models::market(market), o_.system);
    }

    // The run's status from its steps, the summary, the report files and the log row.
    void finish() {
        run_.status = "ok";
        for (const auto& s : run_.steps) {
            if (s.status == "failed") run_.status = "failed";
            else if (s.status == "degraded" && run_.status == "ok") run_.status = "degraded";
        }
        nlohmann::ordered_json j = {{"date", day_}, {"run_id", run_.run_id}, {"status", run_.status}, {"inputs", fingerprint_}};
        nlohmann::ordered_json steps = nlohmann::ordered_json::array();
        for (const auto& s : run_.steps) steps.push_back({{"name", s.name}, {"status", s.status}, {"detail", s.detail}, {"seconds", s.seconds}});
        j["steps"] = steps;
        j["settled_yesterday"] = settled_;
        write_report(con_, o_, j, run_);
        j["status"] = run_.status;  // a report that could not be written fails the run
        // In a transaction, so it is not committed after a failed commit of this run (store::Transaction).
        try {
            store::Transaction t(con_);
            auto upd = con_.prepare("UPDATE ops.daily_runs SET finished_at = make_timestamp(?), status = ?, summary = ?, steps = ? WHERE run_id = ?");
            upd.bind(1, core::now_micros()).bind(2, run_.status).bind(3, run_.summary).bind(4, j.dump()).bind(5, run_.run_id).execute();
            t.commit();
        } catch (const store::StoreError& e) {
            fmt::print(stderr, "courtside: daily: the run's row in ops.daily_runs was not updated: {}\n", e.what());
        }
    }

    const pipeline::RunContext& ctx_;
    store::Connection& con_;  // ctx_.con
    const pipeline::Registry& registry_;
    const DailyOptions& o_;
    const std::string day_;
    DailyRun run_;
    std::vector<core::Date> season_dates_;  // the game dates of D's season before D, after ingest
    std::string missing_season_;            // why D's season is not in the store (empty: it is)
    std::optional<pipeline::SeasonCalendar> calendar_;  // the store's, after ingest (set when it succeeded)
    std::string no_games_;                  // why D has no game to pick (no game scheduled, its season missing)
    std::string fingerprint_;
    bool unchanged_ = false;  // inputs as at the last finished run of D: nothing to recompute
    std::map<std::string, std::pair<std::string, std::string>> last_steps_;  // that run's step -> (status, detail)
    nlohmann::ordered_json settled_ = nlohmann::ordered_json::object();
};

}  // namespace

DailyRun run_daily(const pipeline::RunContext& ctx, const pipeline::Registry& registry, const DailyOptions& o) {
    return DayRun(ctx, registry, o).run();
}

}  // namespace courtside::daily

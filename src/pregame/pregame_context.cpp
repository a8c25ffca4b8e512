#include "pregame/pregame_context.hpp"

#include "core/game_id.hpp"
#include "core/name_normalizer.hpp"
#include "core/teams.hpp"
#include "precompute/rolling_window.hpp"
#include "store/column_docs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

namespace courtside::pregame {

using precompute::History;
using precompute::PlayerGame;
using precompute::Range;
using T = store::ColumnType;
namespace doc = store::doc;

namespace {

constexpr size_t kRecentRosterGames = 3;  // as v3's absent teammates (features/v3_features.cpp)

// D's games from the schedule; for a past date without schedule rows, the team log's identities.
std::vector<UpcomingTeam> games_of(store::Connection& con, core::Date d) {
    std::vector<UpcomingTeam> out;
    auto add = [&](std::string gid, std::string home, std::string away, std::optional<int64_t> tip, std::string type,
                   const char* source) {
        int season = core::season_of_game_id(gid);
        out.push_back({gid, home, away, type, source, true, tip, season});
        out.push_back({gid, away, home, type, source, false, tip, season});
    };
    auto s = con.prepare("SELECT game_id, home_team, away_team, epoch_us(tipoff_at), season_type FROM raw.schedule_latest "
                         "WHERE game_date = ? AND game_status <> 'postponed' AND season_type IN ('regular', 'playoffs', 'playin') "
                         "ORDER BY game_id");
    s.bind_date(1, d);
    s.execute().for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r)
            add(std::string(c.get_string(0, r)), std::string(c.get_string(1, r)), std::string(c.get_string(2, r)),
                c.opt_int(3, r), std::string(c.get_string(4, r)), "schedule");
    });
    if (out.empty()) {
        // Identity only (game id, teams, home): the matchup is 'BOS vs. GSW' on the home team's row.
        auto t = con.prepare(
            "SELECT h.game_id, h.team_abbreviation, a.team_abbreviation FROM raw.team_game_log h JOIN raw.team_game_log a "
            "ON a.game_id = h.game_id AND a.team_id <> h.team_id WHERE h.game_date = ? AND h.matchup LIKE '%vs.%' "
            "AND substr(h.game_id, 3, 1) IN ('2', '4', '5') ORDER BY h.game_id");
        t.bind_date(1, d);
        t.execute().for_each_chunk([&](const store::Chunk& c) {
            for (size_t r = 0; r < c.size(); ++r) {
                std::string gid(c.get_string(0, r));
                char type = gid.size() > 2 ? gid[2] : '2';
                add(gid, std::string(c.get_string(1, r)), std::string(c.get_string(2, r)), std::nullopt,
                    type == '4' ? "playoffs" : type == '5' ? "playin" : "regular", "team_log");
            }
        });
    }
    std::sort(out.begin(), out.end(), [](const UpcomingTeam& a, const UpcomingTeam& b) {
        return std::tie(a.game_id, a.team) < std::tie(b.game_id, b.team);
    });
    return out;
}

// The player's latest game before D (any season the history holds), or nullptr.
const PlayerGame* latest_before(const History& h, int64_t player_id, core::Date d) {
    auto it = h.by_player.find(player_id);
    if (it == h.by_player.end()) return nullptr;
    const PlayerGame* last = nullptr;
    for (size_t i = it->second.begin; i < it->second.end && h.player_games[i].date < d; ++i) last = &h.player_games[i];
    return last;
}

// The player directory's current team (tricode) of every player, when the directory was stored
// before D's first tip-off (before D when no tip-off is known): a directory taken later could
// place a player on a team he joined after D.
std::map<int64_t, std::string> directory_teams_before(store::Connection& con, core::Date d, std::optional<int64_t> first_tip) {
    std::map<int64_t, std::string> out;
    auto q = con.prepare("SELECT person_id, team_id FROM raw.player_directory WHERE team_id <> 0 AND epoch_us(ingested_at) < ?");
    q.bind(1, first_tip.value_or(core::eastern_midnight_utc_micros(d)));
    q.execute().for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r)
            if (const core::Team* t = core::team_by_id(c.get_int(1, r))) out[c.get_int(0, r)] = std::string(t->tricode);
    });
    return out;
}

struct Listed {
    std::string status, reason;
};

}  // namespace

PregameContext build_pregame_context(const pipeline::RunContext& run, core::Date d) {
    store::Connection& con = run.con;
    PregameContext ctx;
    ctx.date = d;
    ctx.teams = games_of(con, d);
    if (ctx.teams.empty()) {
        // A season the store holds no game of is not a day without games (audit: 2022-23 on a
        // store of 2014-22 and 2024-26 said "no game scheduled").
        const int season = core::season_of_date(d);
        if (!run.calendar().holds_season(season))
            throw NoGameScheduled(fmt::format("no game of {} in the store: it holds no game of {}, {}'s season; fetch the season first "
                                              "(`courtside fetch stats gamelog-team --season {}`)",
                                              core::format_date(d), core::season_label(season), core::format_date(d),
                                              core::season_label(season)));
        throw NoGameScheduled(fmt::format("no game scheduled on {}", core::format_date(d)));
    }
    auto history = History::load_shared(run, {d});
    History h = *history;  // a copy: team_index() and game_index() add D's teams and games
    const int season = ctx.teams.front().season;
    ctx.slate.date = d;
    ctx.slate.season = season;
    ctx.slate.counted = true;

    // The latest injury report before the first tip-off (any report of D when no tip-off is known).
    std::optional<int64_t> first_tip;
    for (const auto& t : ctx.teams)
        if (t.tipoff_us) first_tip = first_tip ? std::min(*first_tip, *t.tipoff_us) : *t.tipoff_us;
    if (!first_tip) {  // no schedule (a past date from the team log): the books' tip-off times
        auto tip = con.prepare("SELECT min(epoch_us(tipoff_at)) FROM props.consensus_lines WHERE game_date = ?");
        tip.bind_date(1, d);
        first_tip = tip.execute().scalar_int();
    }
    auto rep = con.prepare("SELECT max(epoch_us(report_at)) FROM raw.injury_report WHERE game_date = ? AND (? OR epoch_us(report_at) < ?)");
    rep.bind_date(1, d).bind(2, !first_tip.has_value()).bind(3, first_tip.value_or(0));
    ctx.injury_report_at = rep.execute().scalar_int();
    std::map<std::pair<std::string, std::string>, Listed> listed;  // (team, normalized name)
    if (ctx.injury_report_at) {
        auto q = con.prepare("SELECT team, player_normalized, status, coalesce(reason, '') FROM raw.injury_report "
                             "WHERE epoch_us(report_at) = ? AND game_date = ? AND player_normalized IS NOT NULL");
        q.bind(1, *ctx.injury_report_at).bind_date(2, d);
        q.execute().for_each_chunk([&](const store::Chunk& c) {
            for (size_t r = 0; r < c.size(); ++r)
                listed[{std::string(c.get_string(0, r)), std::string(c.get_string(1, r))}] = {std::string(c.get_string(2, r)),
                                                                                               std::string(c.get_string(3, r))};
        });
    }

    // Candidates per team: recent roster, then props lines.
    std::map<std::string, const UpcomingTeam*> team_of;
    for (const auto& t : ctx.teams) team_of[t.team] = &t;
    precompute::Slate slate;
    std::vector<precompute::PlayerAbsence> listed_out;
    std::map<int64_t, std::string> why;  // player -> reason slated
    for (const auto& t : ctx.teams) {
        auto it = h.by_team.find(h.team_index(t.team));
        if (it == h.by_team.end()) continue;
        Range prior = precompute::prior_in_season(h.team_games, it->second, d, season);
        auto recent = precompute::last_n(h.team_games, prior, kRecentRosterGames, [](const precompute::TeamGame&) { return true; });
        for (const auto* g : recent)
            for (const PlayerGame& p : h.slate(g->date).players)
                if (p.game == g->game && h.teams[p.team] == t.team) why.emplace(p.player_id, "recent roster");
    }
    std::map<int64_t, std::set<std::string>> line_teams;  // player -> the teams of his lines' games on D
    std::set<int64_t> without_history;
    auto lines = con.prepare("SELECT DISTINCT player_id, coalesce(away_team, ''), coalesce(home_team, '') FROM props.consensus_lines "
                             "WHERE game_date = ? ORDER BY ALL");
    lines.bind_date(1, d);
    lines.execute().for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r) {
            int64_t id = c.get_int(0, r);
            line_teams[id].insert({std::string(c.get_string(1, r)), std::string(c.get_string(2, r))});
            if (!latest_before(h, id, d)) without_history.insert(id);
            else why.emplace(id, "props line");
        }
    });
    ctx.lines_without_history = without_history.size();
    std::optional<std::map<int64_t, std::string>> directory;  // read when a player needs it

    for (const auto& [id, reason] : why) {
        const PlayerGame* last = latest_before(h, id, d);
        if (!last) continue;
        auto t = team_of.find(h.teams[last->team]);
        std::string placed_why = reason;
        if (t == team_of.end() && reason == "props line") {
            // His latest team does not play on D: he changed teams (a trade, the summer), or the
            // line is for another game. The player directory captured before D places him when
            // its team plays in his line's game.
            if (!directory) directory = directory_teams_before(con, d, first_tip);
            auto dir = directory->find(id);
            if (dir != directory->end() && line_teams.at(id).count(dir->second)) t = team_of.find(dir->second);
            if (t == team_of.end()) {
                ++ctx.lines_team_unknown;
                continue;
            }
            ++ctx.placed_by_directory;
            placed_why = "props line; team from the player directory";
        }
        if (t == team_of.end()) continue;  // a recent roster's player whose latest game was for another team (traded)
        const UpcomingTeam& team = *t->second;
        UpcomingPlayer p;
        p.game_id = team.game_id;
        p.player_id = id;
        p.player_name = h.name_of_player.at(id);
        p.team = team.team;
        p.opponent = team.opponent;
        p.home = team.home;
        p.why = placed_why;
        if (auto l = listed.find({team.team, core::normalize_person_name(p.player_name)}); l != listed.end()) {
            p.injury_status = l->second.status;
            p.injury_reason = l->second.reason;
        }
        p.slated = p.injury_status != "out";
        ctx.players.push_back(p);

        PlayerGame g;
        g.date = d;
        g.season = season;
        g.playoff = team.season_type != "regular";
        g.game = h.game_index(team.game_id);
        g.player_id = id;
        g.team = h.team_index(team.team);
        g.opponent = h.team_index(team.opponent);
        g.home = team.home;
        // Without an injury report, who will be missing is unknown: the absences are, like a
        // partial-roster source's.
        g.partial = !ctx.injury_report_at.has_value();
        if (p.slated) slate.players.push_back(g);
        else listed_out.push_back({d, g.game, id, g.team, precompute::is_injury_reason(p.injury_reason), false});
    }
    for (const auto& t : ctx.teams) {
        precompute::TeamGame g;
        g.date = d;
        g.season = season;
        g.playoff = t.season_type != "regular";
        g.home = t.home;
        g.game = h.game_index(t.game_id);
        g.team = h.team_index(t.team);
        g.opponent = h.team_index(t.opponent);
        slate.teams.push_back(g);
    }
    ctx.players_slated = slate.players.size();
    ctx.players_out = listed_out.size();
    ctx.slate.history = std::make_shared<const History>(h.with_pregame_slate(d, std::move(slate), std::move(listed_out)));
    std::sort(ctx.players.begin(), ctx.players.end(), [](const UpcomingPlayer& a, const UpcomingPlayer& b) {
        return std::tie(a.game_id, a.team, a.player_id) < std::tie(b.game_id, b.team, b.player_id);
    });
    return ctx;
}

const store::TableSpec& upcoming_team_game_context_spec() {
    static const store::TableSpec s{"pregame", "upcoming_team_game_context",
                                    {{"game_date", T::Date, true, doc::kGameDate},
                                     {"game_id", T::Text, true, doc::kGameId},
                                     {"team", T::Text, true, doc::kTeam},
                                     {"opponent", T::Text, true, "opponent tricode"},
                                     {"is_home", T::Boolean, true, "whether the team is at home"},
                                     {"tipoff_utc", T::Timestamp, false, "scheduled tip-off (NULL from the team log)", doc::kUtc},
                                     {"season", T::Integer, true, doc::kSeason},
                                     {"season_type", T::Text, true, doc::kSeasonType},
                                     {"source", T::Text, true, "schedule (raw.schedule_latest) or team_log (a past date's game identities)"},
                                     {"players_slated", T::Integer, true, "players who may play for the team on D", doc::kCount},
                                     {"players_out", T::Integer, true, "players listed out on the injury report used", doc::kCount},
                                     {"injury_report_at", T::Timestamp, false, "the injury report used (NULL: none before tip-off)", doc::kUtc},
                                     {"built_at", T::Timestamp, false, "when D's pre-game rows were built: files ingested or partitions written after it are not in them", doc::kUtc}},
                                    {"game_date", "game_id", "team"},
                                    "One row per team playing on D, known before tip-off: the game, the opponent, home/away, and how many players may play or are out"};
    return s;
}

const store::TableSpec& upcoming_player_game_context_spec() {
    static const store::TableSpec s{"pregame", "upcoming_player_game_context",
                                    {{"game_date", T::Date, true, doc::kGameDate},
                                     {"game_id", T::Text, true, doc::kGameId},
                                     {"player_id", T::BigInt, true, doc::kPlayerId},
                                     {"player_name", T::Text, true, "player display name"},
                                     {"team", T::Text, true, "the team of his latest game before D", doc::kTeam},
                                     {"opponent", T::Text, true, "opponent tricode"},
                                     {"is_home", T::Boolean, true, "whether his team is at home"},
                                     {"slated", T::Boolean, true, "may play (gets a pre-game feature row); false when listed out"},
                                     {"why", T::Text, true, "recent roster (played in one of the team's last 3 games) or props line"},
                                     {"injury_status", T::Text, false, "status on the injury report used (out, doubtful, questionable, probable, available), NULL if not listed"},
                                     {"injury_reason", T::Text, false, "reason on the injury report, as printed"}},
                                    {"game_date", "player_id"},
                                    "One row per player who may play on D or is listed out, known before tip-off: the pre-game slate Phase 4 computes D's rows from"};
    return s;
}

void write_pregame_context(store::Connection& con, const PregameContext& c) {
    const std::string day = core::format_date(c.date);
    store::Transaction tx(con);
    con.execute("DELETE FROM pregame.upcoming_team_game_context WHERE game_date = DATE '" + day + "'");
    con.execute("DELETE FROM pregame.upcoming_player_game_context WHERE game_date = DATE '" + day + "'");
    {
        std::map<std::string, std::pair<int64_t, int64_t>> counts;  // team -> (slated, out)
        for (const auto& p : c.players) (p.slated ? counts[p.team].first : counts[p.team].second) += 1;
        store::Appender a(con, "pregame", "upcoming_team_game_context");
        for (const auto& t : c.teams) {
            a.append_date(c.date).append(t.game_id).append(t.team).append(t.opponent).append(t.home);
            if (t.tipoff_us) a.append_timestamp_us(*t.tipoff_us); else a.append_null();
            a.append(t.season).append(t.season_type).append(t.source).append(counts[t.team].first).append(counts[t.team].second);
            if (c.injury_report_at) a.append_timestamp_us(*c.injury_report_at); else a.append_null();
            a.append_null();  // built_at: set by build_pregame_rows once every pre-game table of D is written
            a.end_row();
        }
        a.close();
    }
    {
        store::Appender a(con, "pregame", "upcoming_player_game_context");
        for (const auto& p : c.players) {
            a.append_date(c.date).append(p.game_id).append(p.player_id).append(p.player_name).append(p.team).append(p.opponent);
            a.append(p.home).append(p.slated).append(p.why);
            if (p.injury_status.empty()) a.append_null(); else a.append(p.injury_status);
            if (p.injury_reason.empty()) a.append_null(); else a.append(p.injury_reason);
            a.end_row();
        }
        a.close();
    }
    tx.commit();
}

}  // namespace courtside::pregame

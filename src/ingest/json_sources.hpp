// Sources whose payload is a JSON document rather than a table (stats.nba.com's v3 endpoints,
// the NBA CDN's live data and season schedule, The Odds API v4), detected from the document's
// keys, never from the file name. Each parser validates what it reads and throws ParseError
// naming the field's path and the entry's row (its place in the payload's list, + 1); a payload
// with nothing in it (no players, no actions, no games, no events) is an error, not an empty load.
#pragma once

#include "ingest/raw_records.hpp"
#include "ingest/sources.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace courtside::ingest {

// The source of a JSON document without stats.nba.com result sets; Unknown for other APIs.
SourceKind detect_json_source(const nlohmann::json& doc);

// boxscoretraditionalv3: the same raw.boxscore_player rows as boxscoretraditionalv2 gives for the
// game (away team first, players in the payload's order; a player who did not play has NULL stats,
// as v2 prints them, where v3 prints zeros).
std::vector<BoxscorePlayerRow> parse_boxscore_traditional_v3(const nlohmann::json& doc, std::vector<DroppedRow>& dropped);

// The NBA CDN live box score: the players, and the game's status when it was captured (a game
// still in progress is recorded as such in raw.schedule; its partial box score never reconciles
// with the team log, so it stays out of the gold tier).
struct CdnBoxscore {
    std::vector<BoxscorePlayerRow> players;
    ScheduleRow game;
};
CdnBoxscore parse_cdn_boxscore(const nlohmann::json& doc, std::vector<DroppedRow>& dropped);

// playbyplayv3 (kind PlayByPlayV3) or the CDN live play-by-play (kind CdnPlayByPlay).
std::vector<PlayByPlayV3Row> parse_playbyplay_v3(const nlohmann::json& doc, SourceKind kind,
                                                 std::vector<DroppedRow>& dropped);

// scoreboardv3 (the games of one date) and the CDN season schedule (every game of a season).
std::vector<ScheduleRow> parse_scoreboard_v3(const nlohmann::json& doc, std::vector<DroppedRow>& dropped);
std::vector<ScheduleRow> parse_cdn_schedule(const nlohmann::json& doc, std::vector<DroppedRow>& dropped);

// The Odds API v4: events (OddsApiEvents), or odds (OddsApiOdds) split into player props (rows of
// raw.prop_lines, like the CSV props) and game lines (h2h, spreads, totals). Bare responses and the
// historical envelope ({timestamp, previous_timestamp, next_timestamp, data}) are both read; the
// envelope's timestamp is the snapshot time.
struct OddsPayload {
    std::vector<OddsEventRow> events;
    std::vector<OddsGameLineRow> game_lines;
    std::vector<PropLineRow> props;
};
OddsPayload parse_odds_api(const nlohmann::json& doc, SourceKind kind, std::vector<DroppedRow>& dropped);

}  // namespace courtside::ingest

// Which JSON document a payload is, from its keys.
#include "ingest/json_sources.hpp"

namespace courtside::ingest {

namespace {

bool is_object_with(const nlohmann::json& j, std::string_view key) { return j.is_object() && j.contains(key); }

// An Odds API event: {id, sport_key, commence_time, home_team, away_team[, bookmakers]}, known by
// its id and sport_key. A missing or renamed other field is the parser's error, naming the field:
// the file was skipped as another API's (audit).
bool is_odds_event(const nlohmann::json& j) { return is_object_with(j, "id") && j.contains("sport_key"); }

SourceKind odds_kind(const nlohmann::json& data) {
    if (is_odds_event(data)) return data.contains("bookmakers") ? SourceKind::OddsApiOdds : SourceKind::OddsApiEvents;
    if (!data.is_array()) return SourceKind::Unknown;
    if (data.empty()) return SourceKind::OddsApiEvents;  // an empty list: the events parser reports it
    for (const auto& e : data)
        if (!is_odds_event(e)) return SourceKind::Unknown;
    return data.front().contains("bookmakers") ? SourceKind::OddsApiOdds : SourceKind::OddsApiEvents;
}

}  // namespace

SourceKind detect_json_source(const nlohmann::json& doc) {
    if (is_object_with(doc, "boxScoreTraditional")) return SourceKind::BoxscoreTraditionalV3;
    if (is_object_with(doc, "scoreboard") && doc["scoreboard"].is_object() && doc["scoreboard"].contains("games"))
        return SourceKind::ScoreboardV3;
    if (is_object_with(doc, "leagueSchedule")) return SourceKind::CdnSchedule;
    if (is_object_with(doc, "game") && doc["game"].is_object()) {
        const auto& g = doc["game"];
        if (g.contains("actions")) {
            // stats.nba.com numbers its actions with actionId; the CDN orders them with orderNumber.
            const auto& a = g["actions"];
            if (a.is_array() && !a.empty() && a.front().is_object() && a.front().contains("orderNumber"))
                return SourceKind::CdnPlayByPlay;
            return SourceKind::PlayByPlayV3;
        }
        if (is_object_with(g, "homeTeam") && g["homeTeam"].contains("players")) return SourceKind::CdnBoxscore;
    }
    // The Odds API: the historical envelope, or a bare response.
    if (is_object_with(doc, "timestamp") && doc.contains("data")) return odds_kind(doc["data"]);
    return odds_kind(doc);
}

}  // namespace courtside::ingest

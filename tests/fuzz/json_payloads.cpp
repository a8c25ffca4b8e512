// The JSON documents without result sets (stats.nba.com v3, the NBA CDN, The Odds API v4), as
// ingest reads them: parse_json_document, detect_json_source from the keys, then that source's
// parser. A payload with nothing in it is a ParseError, never an empty success.
#include "fuzz_target.hpp"
#include "ingest/json_reader.hpp"
#include "ingest/json_sources.hpp"

using namespace courtside;

COURTSIDE_FUZZ_TARGET(json_payloads) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    nlohmann::json doc;
    if (!fuzz::parses([&] { doc = ingest::parse_json_document(text); })) return 0;
    const auto kind = ingest::detect_json_source(doc);
    std::vector<ingest::DroppedRow> dropped;
    fuzz::parses([&] {
        using ingest::SourceKind;
        switch (kind) {
            case SourceKind::BoxscoreTraditionalV3: FUZZ_CHECK(!ingest::parse_boxscore_traditional_v3(doc, dropped).empty()); break;
            case SourceKind::CdnBoxscore: FUZZ_CHECK(!ingest::parse_cdn_boxscore(doc, dropped).players.empty()); break;
            case SourceKind::PlayByPlayV3:
            case SourceKind::CdnPlayByPlay: FUZZ_CHECK(!ingest::parse_playbyplay_v3(doc, kind, dropped).empty()); break;
            case SourceKind::ScoreboardV3: FUZZ_CHECK(!ingest::parse_scoreboard_v3(doc, dropped).empty()); break;
            case SourceKind::CdnSchedule: FUZZ_CHECK(!ingest::parse_cdn_schedule(doc, dropped).empty()); break;
            case SourceKind::OddsApiEvents:
            case SourceKind::OddsApiOdds: {
                auto o = ingest::parse_odds_api(doc, kind, dropped);
                FUZZ_CHECK(!o.events.empty() || !o.game_lines.empty() || !o.props.empty());
                break;
            }
            default: break;  // another API's document: ingest skips it
        }
    });
    for (const auto& d : dropped) FUZZ_CHECK(!d.reason.empty());
    return 0;
}

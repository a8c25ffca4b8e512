// The Odds API v4 as JSON: /events, /odds and /events/{id}/odds, bare or in the historical
// envelope {timestamp, previous_timestamp, next_timestamp, data}.
//  - The snapshot time is the envelope's timestamp (when the lines were current); a bare response
//    has none, so its props are timed by their market's (else their book's) last_update and its
//    snapshot_id is "live". A request may ask for some markets or books only, so the rows of one
//    (snapshot, event, book, market) are what a later capture of them replaces: a props row's
//    snapshot_id is "<timestamp>/<event>/<book>/<market>".
//  - Markets: the player markets ("player_points", "player_threes_alternate", ...) become rows of
//    raw.prop_lines like the CSV props (one row per player, market, line and book: over and under
//    odds together; Yes/No markets keep Yes as over and No as under, without a line); the full-game
//    lines h2h, spreads and totals become rows of raw.odds_game_lines. The other game markets the
//    API offers (alternates, team totals, quarters, halves) are not kept: each is recorded as a
//    dropped row. Any other market key is unknown and fails the payload.
//  - Prices come in American odds (-110) or decimal odds (1.91), as the request asked; a payload
//    is one or the other (it has negative prices, or prices below 100). Stored American, the
//    decimal price kept beside the game lines.
//  - Teams are full names ("Golden State Warriors") mapped to tricodes by the team table; a team
//    outside the NBA is kept with a skip_reason, as the CSV props are.
#include "core/dates.hpp"
#include "core/numbers.hpp"
#include "core/teams.hpp"
#include "core/vocabulary.hpp"
#include "ingest/json_reader.hpp"
#include "ingest/json_sources.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <set>
#include <tuple>

namespace courtside::ingest {

namespace {

constexpr std::string_view kSource = "odds_api";

// Full-game lines kept in raw.odds_game_lines.
const std::set<std::string, std::less<>> kGameLineMarkets = {"h2h", "spreads", "totals"};

// The other markets of the API (not kept): alternates, team totals, the period variants, and the
// method of the first basket (its outcomes are shot types, not over/under).
bool other_game_market(std::string_view m) {
    static const std::set<std::string, std::less<>> bases = {"h2h", "spreads", "totals", "alternate_spreads",
                                                             "alternate_totals", "team_totals", "alternate_team_totals",
                                                             "h2h_3_way"};
    if (bases.count(m) || m == "player_method_of_first_basket") return true;  // the latter's outcomes are shot types
    for (std::string_view period : {"_q1", "_q2", "_q3", "_q4", "_h1", "_h2"})
        if (m.size() > period.size() && m.ends_with(period) && bases.count(m.substr(0, m.size() - period.size()))) return true;
    return false;
}

enum class PriceFormat { American, Decimal };

// One payload is in one format: American odds have negative prices, decimal odds are all >= 1
// and some below 100. A payload of only prices >= 100 cannot be told apart and is refused.
PriceFormat price_format(const std::vector<const nlohmann::json*>& events, const JsonReader& root) {
    bool negative = false, below_100 = false, any = false;
    for (const auto* e : events)
        for (const auto& b : e->value("bookmakers", nlohmann::json::array()))
            for (const auto& m : b.value("markets", nlohmann::json::array()))
                for (const auto& o : m.value("outcomes", nlohmann::json::array())) {
                    if (!o.is_object() || !o.contains("price") || !o["price"].is_number()) continue;
                    double p = o["price"].get<double>();
                    any = true;
                    negative |= p < 0;
                    below_100 |= std::fabs(p) < 100;
                }
    if (!any || negative) return PriceFormat::American;
    if (below_100) return PriceFormat::Decimal;
    root.fail("every price is a positive number >= 100: American or decimal odds cannot be told apart");
}

// American odds of a price as recorded.
int64_t american(double price, PriceFormat f, const JsonReader& o) {
    if (f == PriceFormat::American) {
        if (std::fabs(price) < 100 || price != std::floor(price)) o.fail("price", fmt::format("{} is not American odds", price));
        return static_cast<int64_t>(price);
    }
    if (price <= 1.0) o.fail("price", fmt::format("{} is not decimal odds (> 1)", price));
    return price >= 2.0 ? std::llround((price - 1.0) * 100.0) : std::llround(-100.0 / (price - 1.0));
}

struct Event {
    std::string id, sport_key, commence_time, home_name, away_name, home_team, away_team, skip_reason;
    int64_t tipoff_us = 0;
    core::Date game_date = 0;
};

Event read_event(const JsonReader& e) {
    Event ev;
    ev.id = e.req_text("id");
    ev.sport_key = e.req_text("sport_key");
    if (ev.sport_key != "basketball_nba" && ev.sport_key != "basketball_nba_preseason")
        e.fail("sport_key", fmt::format("'{}' is not the NBA (basketball_nba)", ev.sport_key));
    ev.commence_time = e.req_text("commence_time");
    auto tip = e.opt_utc("commence_time");
    ev.tipoff_us = *tip;
    ev.game_date = core::eastern_date_of_utc_micros(ev.tipoff_us);
    ev.home_name = e.req_text("home_team");
    ev.away_name = e.req_text("away_team");
    const auto *h = core::team_by_name(ev.home_name), *a = core::team_by_name(ev.away_name);
    if (h) ev.home_team = h->tricode;
    if (a) ev.away_team = a->tricode;
    if (!h || !a) ev.skip_reason = fmt::format("not an NBA game: '{}' @ '{}'", ev.away_name, ev.home_name);
    return ev;
}

}  // namespace

OddsPayload parse_odds_api(const nlohmann::json& doc, SourceKind kind, std::vector<DroppedRow>& dropped) {
    static const nlohmann::json kNoObject = nlohmann::json::object();
    JsonReader root(doc.is_object() ? doc : kNoObject, "", kSource);
    const bool envelope = doc.is_object() && doc.contains("timestamp") && doc.contains("data");
    std::string snapshot_id = "live";
    std::optional<int64_t> snapshot_us;
    if (envelope) {
        snapshot_id = root.req_text("timestamp");
        snapshot_us = root.opt_utc("timestamp");
    }
    const nlohmann::json& data = envelope ? doc["data"] : doc;
    const std::string data_path = envelope ? "data" : "";
    std::vector<const nlohmann::json*> events;
    if (data.is_array()) {
        for (const auto& e : data) events.push_back(&e);
    } else {
        events.push_back(&data);
    }
    if (events.empty()) throw ParseError(0, fmt::format("{}: {} lists no events (an empty result)", kSource, data_path.empty() ? "the response" : data_path));

    OddsPayload out;
    size_t row = 1;
    if (kind == SourceKind::OddsApiEvents) {
        for (size_t i = 0; i < events.size(); ++i) {
            ++row;
            JsonReader e(*events[i], data.is_array() ? fmt::format("{}[{}]", data_path, i) : data_path, kSource, row);
            Event ev = read_event(e);
            OddsEventRow r{snapshot_id, snapshot_us, ev.id, ev.sport_key, ev.commence_time, ev.home_name, ev.away_name,
                           ev.tipoff_us, ev.game_date, ev.home_team, ev.away_team, ev.skip_reason, row};
            for (const auto& prev : out.events)
                if (prev.event_id == r.event_id) e.fail("id", fmt::format("event {} listed twice", r.event_id));
            out.events.push_back(std::move(r));
        }
        return out;
    }

    const PriceFormat format = price_format(events, root);
    // Props pair their outcomes (Over with Under) by (event, book, market, player, line).
    using PropKey = std::tuple<std::string, std::string, std::string, std::string, std::string>;
    std::map<PropKey, size_t> prop_at;
    std::map<std::tuple<std::string, std::string, std::string, std::string>, size_t> line_at;
    for (size_t i = 0; i < events.size(); ++i) {
        JsonReader e(*events[i], data.is_array() ? fmt::format("{}[{}]", data_path, i) : data_path, kSource, row + 1);
        Event ev = read_event(e);
        const auto& books = e.array("bookmakers");
        for (size_t b = 0; b < books.size(); ++b) {
            JsonReader book = e.element(books, "bookmakers", b, row + 1);
            // Books and player markets through the one vocabulary (core/vocabulary) the CSV props use.
            const auto known_book = core::bookmakers().normalize(book.req_text("key"));
            if (!known_book) book.fail("key", core::bookmakers().unknown_message(book.req_text("key")));
            const std::string bookmaker = *known_book;
            auto book_update = book.opt_utc("last_update");
            const auto& markets = book.array("markets");
            for (size_t m = 0; m < markets.size(); ++m) {
                JsonReader market = book.element(markets, "markets", m, row + 1);
                const std::string raw_key = core::to_lower(market.req_text("key"));
                auto market_update = market.opt_utc("last_update");
                const auto player_market = other_game_market(raw_key) ? std::nullopt : core::prop_markets().normalize(raw_key);
                const std::string key = player_market ? *player_market : raw_key;
                const bool player = player_market.has_value(), line = kGameLineMarkets.count(key) > 0;
                if (!player && !line) {
                    if (!other_game_market(key)) market.fail("key", fmt::format("unknown market '{}'", key));
                    dropped.push_back({++row, fmt::format("{} {} {}: market '{}' is not kept (courtside keeps h2h, spreads, "
                                                          "totals and the player markets)", ev.id, bookmaker, key, key)});
                    continue;
                }
                const auto& outcomes = market.array("outcomes");
                for (size_t o = 0; o < outcomes.size(); ++o) {
                    ++row;
                    JsonReader oc = market.element(outcomes, "outcomes", o, row);
                    const std::string name = oc.req_text("name");
                    auto price_v = oc.opt_double("price");
                    if (!price_v) oc.fail("price", "is missing");
                    const int64_t price = american(*price_v, format, oc);
                    auto point = oc.opt_double("point");
                    if (player) {
                        const std::string who = oc.req_text("description");
                        bool over = name == "Over" || name == "Yes", under = name == "Under" || name == "No";
                        if (!over && !under) oc.fail("name", fmt::format("'{}' is not Over, Under, Yes or No", name));
                        if ((name == "Over" || name == "Under") && !point) {  // dropped and recorded, as in the CSV props
                            // Worded as the CSV's "over and under odds without a line", one outcome at a time.
                            dropped.push_back({row, fmt::format("{} {} {}: {} odds without a line", who, key, bookmaker, core::to_lower(name))});
                            continue;
                        }
                        PropKey k{ev.id, bookmaker, key, who, point ? fmt::format("{}", *point) : std::string()};
                        auto [it, fresh] = prop_at.emplace(k, out.props.size());
                        if (fresh) {
                            PropLineRow p;
                            p.snapshot_id = fmt::format("{}/{}/{}/{}", snapshot_id, ev.id, bookmaker, key);
                            p.event_id = ev.id;
                            p.player = who;
                            p.market = key;
                            p.bookmaker = bookmaker;
                            p.game = ev.away_name + " @ " + ev.home_name;
                            p.game_time = ev.commence_time;
                            p.line = point;
                            p.tipoff_us = ev.tipoff_us;
                            p.game_date = ev.game_date;
                            p.away_team = ev.away_team, p.home_team = ev.home_team, p.skip_reason = ev.skip_reason;
                            p.bookmaker_last_update_us = book_update;
                            p.market_last_update_us = market_update;
                            if (snapshot_us) p.snapshot_us = *snapshot_us, p.snapshot_basis = "payload_timestamp";
                            else if (market_update) p.snapshot_us = *market_update, p.snapshot_basis = "market_last_update";
                            else if (book_update) p.snapshot_us = *book_update, p.snapshot_basis = "bookmaker_last_update";
                            else oc.fail("last_update", "a live response without last_update: the line cannot be placed in time");
                            p.source_row = out.props.size() + 2;
                            out.props.push_back(std::move(p));
                        }
                        PropLineRow& p = out.props[it->second];
                        auto& slot = over ? p.over_odds : p.under_odds;
                        if (slot) {
                            if (*slot != price) oc.fail("price", fmt::format("{} {} {} {} listed twice with different odds", who, key, bookmaker, name));
                            dropped.push_back({row, fmt::format("exact duplicate outcome {} {} {} {}", who, key, bookmaker, name)});
                            continue;
                        }
                        slot = price;
                        continue;
                    }
                    OddsGameLineRow g;
                    g.snapshot_id = snapshot_id;
                    g.snapshot_us = snapshot_us;
                    g.event_id = ev.id;
                    g.commence_time = ev.commence_time;
                    g.home_name = ev.home_name, g.away_name = ev.away_name;
                    g.tipoff_us = ev.tipoff_us;
                    g.game_date = ev.game_date;
                    g.home_team = ev.home_team, g.away_team = ev.away_team, g.skip_reason = ev.skip_reason;
                    g.bookmaker = bookmaker;
                    g.market = key;
                    g.outcome = name;
                    g.point = point;
                    g.price = price;
                    if (format == PriceFormat::Decimal) g.price_decimal = *price_v;
                    g.last_update_us = market_update ? market_update : book_update;
                    g.source_row = row;
                    if (key == "totals") {
                        if (name != "Over" && name != "Under") oc.fail("name", fmt::format("a total's outcome '{}' (Over or Under)", name));
                        if (!point) oc.fail("point", "a total without points");
                    } else {
                        if (name != ev.home_name && name != ev.away_name)
                            oc.fail("name", fmt::format("'{}' is neither team of the event ('{}' @ '{}')", name, ev.away_name, ev.home_name));
                        g.outcome_team = name == ev.home_name ? ev.home_team : ev.away_team;
                        if (key == "spreads" && !point) oc.fail("point", "a spread without points");
                    }
                    auto [it, fresh] = line_at.emplace(std::make_tuple(ev.id, bookmaker, key, name), out.game_lines.size());
                    if (!fresh) {
                        const auto& prev = out.game_lines[it->second];
                        if (prev.price != g.price || prev.point != g.point)
                            oc.fail("name", fmt::format("{} {} {} listed twice with different lines", bookmaker, key, name));
                        dropped.push_back({row, fmt::format("exact duplicate of row {}", prev.source_row)});
                        continue;
                    }
                    out.game_lines.push_back(std::move(g));
                }
            }
        }
    }
    if (out.props.empty() && out.game_lines.empty())
        throw ParseError(0, fmt::format("{}: no lines in the response (no bookmaker offers a market: an empty result)", kSource));
    return out;
}

}  // namespace courtside::ingest

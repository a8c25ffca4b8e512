#include "core/vocabulary.hpp"

#include <fmt/format.h>

#include <cctype>

namespace courtside::core {

namespace {

// Lowercase letters and digits only: "Money Line", "money_line" and "MONEYLINE" fold alike.
std::string fold(std::string_view s) {
    std::string out;
    for (char c : s)
        if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

std::optional<std::string> Vocabulary::normalize(std::string_view raw) const {
    const std::string key = fold(raw);
    for (auto v : canonical)
        if (fold(v) == key) return std::string(v);
    for (const auto& [alias, value] : aliases)
        if (fold(alias) == key) return std::string(value);
    return std::nullopt;
}

std::string Vocabulary::unknown_message(std::string_view raw) const {
    std::string known;
    for (auto v : canonical) known += fmt::format("{}{}", known.empty() ? "" : ", ", v.empty() ? "(empty)" : v);
    return fmt::format("'{}' is not a known {} ({})", raw, column, known);
}

const Vocabulary& bet_types() {
    static const Vocabulary v{"bet type",
                              {"moneyline", "spread", "total"},
                              {{"ml", "moneyline"}, {"h2h", "moneyline"}, {"money line", "moneyline"},
                               {"spreads", "spread"}, {"point spread", "spread"}, {"handicap", "spread"}, {"ats", "spread"},
                               {"totals", "total"}, {"over/under", "total"}, {"o/u", "total"}, {"game total", "total"}}};
    return v;
}

const Vocabulary& start_positions() {
    static const Vocabulary v{"starting position",
                              {"", "F", "C", "G"},
                              {{"PG", "G"}, {"SG", "G"}, {"guard", "G"}, {"SF", "F"}, {"PF", "F"}, {"forward", "F"},
                               {"center", "C"}}};
    return v;
}

const Vocabulary& comment_statuses() {
    static const Vocabulary v{"box-score comment status", {"DNP", "DND", "NWT", "INACTIVE"}, {}};
    return v;
}

bool is_yes_no_market(std::string_view market_key) {
    constexpr std::string_view kAlternate = "_alternate";
    if (market_key.size() > kAlternate.size() && market_key.substr(market_key.size() - kAlternate.size()) == kAlternate)
        market_key.remove_suffix(kAlternate.size());
    for (std::string_view m : {"player_first_basket", "player_first_team_basket", "player_double_double", "player_triple_double",
                               "player_method_of_first_basket"})
        if (market_key == m) return true;
    return false;
}

const Vocabulary& prop_markets() {
    // The Odds API's NBA player markets (https://the-odds-api.com/sports-odds-data/betting-markets.html).
    static const Vocabulary v = [] {
        static const std::vector<std::string_view> base = {
            "player_points", "player_points_q1", "player_rebounds", "player_rebounds_q1", "player_assists",
            "player_assists_q1", "player_threes", "player_blocks", "player_steals", "player_blocks_steals",
            "player_turnovers", "player_points_rebounds_assists", "player_points_rebounds", "player_points_assists",
            "player_rebounds_assists", "player_field_goals", "player_frees_made", "player_frees_attempts",
            "player_first_basket", "player_first_team_basket", "player_double_double", "player_triple_double",
            "player_method_of_first_basket"};
        static std::vector<std::string> alternates;
        for (auto m : base) alternates.push_back(std::string(m) + "_alternate");
        // The short names every command takes and prints (points, threes, ...) are aliases too.
        Vocabulary out{"props market", base, {{"player_3pm", "player_threes"}, {"player_threes_made", "player_threes"},
                                              {"player_pra", "player_points_rebounds_assists"}}};
        for (const auto& [short_name, key] : market_short_names()) out.aliases.emplace_back(short_name, key);
        for (const auto& m : alternates) out.canonical.push_back(m);
        return out;
    }();
    return v;
}

const std::vector<std::pair<std::string_view, std::string_view>>& market_short_names() {
    static const std::vector<std::pair<std::string_view, std::string_view>> names = {
        {"points", "player_points"},       {"threes", "player_threes"},     {"rebounds", "player_rebounds"},
        {"assists", "player_assists"},     {"pra", "player_points_rebounds_assists"}, {"blocks", "player_blocks"},
        {"steals", "player_steals"},       {"turnovers", "player_turnovers"}};
    return names;
}

std::string market_short_name(std::string_view odds_key) {
    for (const auto& [short_name, key] : market_short_names())
        if (key == odds_key) return std::string(short_name);
    return std::string(odds_key);
}

const Vocabulary& bookmakers() {
    // The Odds API's bookmaker keys (US, US2, UK, EU and AU regions), with their display titles as aliases.
    static const Vocabulary v{
        "bookmaker",
        {"betonlineag", "betmgm", "betrivers", "betus", "bovada", "williamhill_us", "draftkings", "fanatics", "fanduel",
         "lowvig", "mybookieag", "ballybet", "betanysports", "betparx", "espnbet", "fliff", "hardrockbet", "windcreek",
         "pinnacle", "prophetx", "novig", "rebet", "betopenly", "kalshi", "polymarket", "superbook", "unibet_us", "wynnbet",
         "pointsbetus", "twinspires", "barstool", "betfred_us", "circasports", "foxbet", "sugarhouse", "betsson", "unibet_eu",
         "williamhill", "betfair_ex_eu", "onexbet", "sport888", "betclic", "coolbet", "everygame", "gtbets", "marathonbet",
         "matchbook", "nordicbet", "suprabets", "tipico_de", "betway", "skybet", "paddypower", "boylesports", "coral",
         "ladbrokes_uk", "leovegas", "livescorebet", "virginbet", "casumo", "grosvenor", "sportsbet", "tab", "tabtouch",
         "neds", "ladbrokes_au", "pointsbetau", "unibet", "betr_au", "playup", "topsport", "bet365"},
        {{"BetOnline.ag", "betonlineag"}, {"Caesars", "williamhill_us"}, {"William Hill (US)", "williamhill_us"},
         {"ESPN BET", "espnbet"}, {"Hard Rock Bet", "hardrockbet"}, {"MyBookie.ag", "mybookieag"},
         {"PointsBet (US)", "pointsbetus"}, {"Unibet (US)", "unibet_us"}, {"WynnBET", "wynnbet"}}};
    return v;
}

std::string_view comment_lead(std::string_view comment) {
    size_t b = 0;
    while (b < comment.size() && std::isspace(static_cast<unsigned char>(comment[b]))) ++b;
    size_t e = b;
    while (e < comment.size() && std::isalpha(static_cast<unsigned char>(comment[e]))) ++e;
    return comment.substr(b, e - b);
}

}  // namespace courtside::core

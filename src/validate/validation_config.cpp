#include "validate/validation_config.hpp"

#include "core/yaml_document.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <type_traits>

namespace courtside::validate {

namespace {

// What a key's value must be, for "has the wrong type: <what>".
template <class T>
const char* type_name() {
    if constexpr (std::is_same_v<T, bool>) return "true or false";
    else if constexpr (std::is_integral_v<T>) return "a whole number";
    else if constexpr (std::is_floating_point_v<T>) return "a number";
    else if constexpr (std::is_same_v<T, std::string>) return "text";
    else return "a list";
}

// Reads one mapping and insists every key in it is known.
class Section {
public:
    Section(const YAML::Node& node, std::string path, const std::string& origin) : node_(node), path_(std::move(path)), origin_(origin) {
        if (!node_.IsMap()) {
            if (path_.empty())  // the file itself: empty, or not this config
                throw std::runtime_error(fmt::format("{}: {} (a validation config is a mapping of defaults and tables)", origin_,
                                                     node_.IsNull() ? "empty" : "not a mapping"));
            fail("", "must be a mapping");
        }
    }
    // Names the file and the line of the key's value (of the section when there is no such key).
    [[noreturn]] void fail(const std::string& key, const std::string& why) const {
        const YAML::Node& self = node_;
        fail_at(key, key.empty() || !self.IsMap() || !self[key] ? node_ : self[key], why);
    }
    // The same at a given node: an unknown key is named at its own line (its value may start on the next).
    [[noreturn]] void fail_at(const std::string& key, const YAML::Node& at, const std::string& why) const {
        const std::string where = path_.empty() ? key : key.empty() ? path_ : path_ + "." + key;  // no leading dot at the top
        throw std::runtime_error(fmt::format("{}: {}: {}", core::yaml_location(origin_, at), where, why));
    }
    void allow(std::initializer_list<const char*> keys) const {
        std::set<std::string> known(keys.begin(), keys.end());
        for (auto it = node_.begin(); it != node_.end(); ++it) {
            auto k = it->first.as<std::string>();
            if (!known.count(k)) {
                std::string list;
                for (const auto& x : known) list += (list.empty() ? "" : ", ") + x;
                fail_at(k, it->first, "unknown key (known here: " + list + ")");
            }
        }
    }
    bool has(const char* key) const { return static_cast<bool>(node_[key]); }
    YAML::Node get(const char* key) const { return node_[key]; }
    template <class T>
    T as(const char* key) const {
        try {
            return node_[key].as<T>();
        } catch (const YAML::Exception&) {
            fail(key, std::string("has the wrong type: ") + type_name<T>());
        }
    }
    Section sub(const char* key) const { return Section(node_[key], path_ + "." + key, origin_); }
    const std::string& path() const { return path_; }
    const YAML::Node& node() const { return node_; }

private:
    YAML::Node node_;
    std::string path_;
    const std::string& origin_;
};

Severity parse_severity(const Section& s) {
    if (!s.has("severity")) return Severity::Error;
    auto v = s.as<std::string>("severity");
    if (v == "error") return Severity::Error;
    if (v == "warn") return Severity::Warn;
    s.fail("severity", "must be error or warn");
}

bool is_share(double v) { return v >= 0 && v <= 1; }  // NaN is not one

std::map<std::string, double> shares(const Section& s, const char* key) {
    std::map<std::string, double> out;
    if (!s.has(key)) return out;
    auto sub = s.sub(key);
    for (auto it = sub.node().begin(); it != sub.node().end(); ++it) {
        double v = it->second.as<double>();
        if (!is_share(v)) sub.fail(it->first.as<std::string>(), "must be a share in [0, 1]");
        out[it->first.as<std::string>()] = v;
    }
    return out;
}

std::map<std::string, std::string> names(const Section& s, const char* key) {
    std::map<std::string, std::string> out;
    if (!s.has(key)) return out;
    auto sub = s.sub(key);
    for (auto it = sub.node().begin(); it != sub.node().end(); ++it) out[it->first.as<std::string>()] = it->second.as<std::string>();
    return out;
}

// baseline, baseline_days and the two thresholds, from a table's regression section or the defaults.
void read_regression_settings(const Section& s, RegressionRule& rule) {
    if (s.has("baseline")) {
        auto b = s.as<std::string>("baseline");
        if (b == "last_season") rule.baseline = Baseline::LastSeason;
        else if (b == "previous_days") rule.baseline = Baseline::PreviousDays;
        else s.fail("baseline", "must be last_season or previous_days, not '" + b + "'");
    }
    if (s.has("baseline_days")) rule.baseline_days = s.as<int>("baseline_days");
    if (s.has("degradation_pct")) rule.degradation_pct = s.as<double>("degradation_pct");
    if (s.has("regression_pct")) rule.regression_pct = s.as<double>("regression_pct");
    // Named where they are written (a negative defaults value was reported at a table's line).
    if (s.has("baseline_days") && rule.baseline_days < 1) s.fail("baseline_days", "must be 1 day or more");
    for (const char* key : {"degradation_pct", "regression_pct"})
        if (s.has(key) && !(s.as<double>(key) >= 0)) s.fail(key, "must be a percentage of 0 or more");
}

TableRules parse_table(const std::string& name, const Section& s, const Section* defaults, const std::set<std::string>& issue_codes) {
    s.allow({"volume", "coverage", "quality", "critical_issues", "identities", "duplicates", "continuity", "regression",
             "leakage_audit", "spot_check", "line_team_names"});
    TableRules t;
    t.table = name;
    if (s.has("volume")) {
        auto v = s.sub("volume");
        v.allow({"min_players_per_team_game", "players_per_game", "both_team_rows", "every_game_has_players"});
        VolumeRule r;
        if (v.has("min_players_per_team_game")) r.min_players_per_team_game = v.as<int>("min_players_per_team_game");
        if (v.has("players_per_game")) {
            auto range = v.as<std::vector<double>>("players_per_game");
            if (range.size() != 2 || range[0] > range[1]) v.fail("players_per_game", "must be [lo, hi]");
            r.players_per_game = std::make_pair(range[0], range[1]);
        }
        if (v.has("both_team_rows")) r.both_team_rows = v.as<bool>("both_team_rows");
        if (v.has("every_game_has_players")) r.every_game_has_players = v.as<bool>("every_game_has_players");
        t.volume = r;
    }
    if (s.has("coverage")) {
        auto c = s.sub("coverage");
        c.allow({"critical", "warning", "per_date", "collapse", "collapse_source", "where"});
        CoverageRule r;
        r.critical = shares(c, "critical");
        r.warning = shares(c, "warning");
        r.per_date = shares(c, "per_date");
        r.collapse = shares(c, "collapse");
        r.collapse_source = names(c, "collapse_source");
        for (const auto& [col, table] : r.collapse_source)
            if (!r.collapse.count(col)) c.fail("collapse_source", "'" + col + "' has a source but no collapse ratio");
        if (c.has("where")) r.where = c.as<std::string>("where");
        t.coverage = r;
    }
    if (s.has("quality")) {
        auto q = s.sub("quality");
        q.allow({"min_gold_share", "min_silver_or_better_share", "min_production_ready_share", "severity"});
        QualityRule r;
        if (q.has("min_gold_share")) r.min_gold_share = q.as<double>("min_gold_share");
        if (q.has("min_silver_or_better_share")) r.min_silver_or_better_share = q.as<double>("min_silver_or_better_share");
        if (q.has("min_production_ready_share")) r.min_production_ready_share = q.as<double>("min_production_ready_share");
        // Shares, as coverage's: 97 for 0.97 failed every run as if the data were bad (audit).
        for (const char* key : {"min_gold_share", "min_silver_or_better_share", "min_production_ready_share"})
            if (q.has(key) && !is_share(q.as<double>(key))) q.fail(key, "must be a share in [0, 1]");
        r.severity = parse_severity(q);
        t.quality = r;
    }
    if (s.has("critical_issues")) {
        auto c = s.sub("critical_issues");
        c.allow({"codes", "max_rows"});
        CriticalIssuesRule r;
        r.codes = c.as<std::vector<std::string>>("codes");
        if (!issue_codes.empty())
            for (const auto& code : r.codes)
                if (!issue_codes.count(code)) {
                    std::string list;
                    for (const auto& x : issue_codes) list += (list.empty() ? "" : ", ") + x;
                    c.fail("codes", "unknown issue code '" + code + "' (known: " + list + ")");
                }
        if (c.has("max_rows")) r.max_rows = c.as<int64_t>("max_rows");
        if (r.max_rows < 0) c.fail("max_rows", "must be 0 or more rows");
        t.critical_issues = r;
    }
    if (s.has("identities")) {
        static const std::set<std::string> known = {"points_formula", "player_sums_match_team", "pbp_fga_matches_box",
                                                    "rates_in_unit_interval", "minutes_in_range", "zone_rates_sum_to_one",
                                                    "shooting_rates_defined"};
        for (const auto& id : s.as<std::vector<std::string>>("identities"))
            if (!known.count(id)) s.fail("identities", "unknown identity '" + id + "'");
            else t.identities.push_back(id);
    }
    if (s.has("duplicates")) t.duplicates = s.as<bool>("duplicates");
    if (s.has("continuity")) t.continuity = s.as<bool>("continuity");
    if (s.has("leakage_audit")) t.leakage_audit = s.as<bool>("leakage_audit");
    if (s.has("line_team_names")) t.line_team_names = s.as<bool>("line_team_names");
    if (s.has("spot_check")) {
        auto c = s.sub("spot_check");
        c.allow({"sample"});
        t.spot_check_sample = c.as<int>("sample");
    }
    if (s.has("regression")) {
        auto r = s.sub("regression");
        r.allow({"metrics", "baseline", "baseline_days", "degradation_pct", "regression_pct"});
        RegressionRule rule;
        if (defaults) read_regression_settings(*defaults, rule);  // the defaults section's own values, read only from there
        rule.metrics = r.as<std::vector<std::string>>("metrics");
        for (const auto& m : rule.metrics)
            if (m.rfind("coverage:", 0) != 0 && m.rfind("mean:", 0) != 0)
                r.fail("metrics", "'" + m + "' is not coverage:<column> or mean:<column>");
        read_regression_settings(r, rule);
        if (rule.degradation_pct > rule.regression_pct) r.fail("degradation_pct", "must not exceed regression_pct");
        t.regression = rule;
    }
    return t;
}

}  // namespace

const TableRules* ValidationConfig::find(const std::string& table) const {
    auto it = tables.find(table);
    return it == tables.end() ? nullptr : &it->second;
}

namespace {

ValidationConfig read_config(const YAML::Node& root, const std::string& origin, const std::set<std::string>& known,
                             const std::set<std::string>& issue_codes) {
    Section top(root, "", origin);
    top.allow({"defaults", "tables"});
    std::optional<Section> defaults;
    if (top.has("defaults")) {
        defaults.emplace(root["defaults"], "defaults", origin);
        defaults->allow({"baseline", "baseline_days", "degradation_pct", "regression_pct"});
        RegressionRule checked;  // values are checked here, not only when a table reads them
        read_regression_settings(*defaults, checked);
    }
    ValidationConfig cfg;
    if (!top.has("tables")) return cfg;
    Section tables(root["tables"], "tables", origin);
    for (auto it = root["tables"].begin(); it != root["tables"].end(); ++it) {
        auto name = it->first.as<std::string>();
        if (!known.count(name)) tables.fail_at(name, it->first, "is not a table the pipeline writes");
        cfg.tables[name] = parse_table(name, Section(it->second, "tables." + name, origin), defaults ? &*defaults : nullptr, issue_codes);
        cfg.tables[name].defined_at = core::yaml_location(origin, it->first) + ": tables." + name;
    }
    return cfg;
}

}  // namespace

ValidationConfig parse_validation_config(const std::string& yaml_text, const std::string& origin,
                                         const std::set<std::string>& known, const std::set<std::string>& known_issue_codes) {
    const YAML::Node root = core::parse_yaml(yaml_text, origin);
    try {
        return read_config(root, origin, known, known_issue_codes);
    } catch (const YAML::Exception& e) {  // a conversion the section checks did not foresee still names the file
        throw std::runtime_error(fmt::format("{}: {}", origin, e.what()));
    }
}

}  // namespace courtside::validate

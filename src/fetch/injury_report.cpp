#include "fetch/injury_report.hpp"

#include "fetch/payload_checks.hpp"
#include "fetch/url.hpp"

#include <fmt/format.h>

#include <cctype>
#include <regex>
#include <stdexcept>

namespace courtside::fetch {

namespace {

std::vector<Request> plan_report(PlanContext& ctx) {
    if (ctx.options.dates.empty()) throw std::invalid_argument("injuries needs --date, --from/--to or --season");
    std::vector<Request> out;
    for (core::Date d : ctx.options.dates)
        for (const auto& edition : ctx.options.report_times) {
            Request r;
            r.source = "injury_report";
            r.endpoint = "injury_report";
            r.target = fmt::format("{} {}", core::format_date(d), edition);
            r.url = build_url(ctx.config.host("injury_report").base_url,
                              fmt::format("/Injury-Report_{}_{}.pdf", core::format_date(d), edition), {});
            r.headers = {{"User-Agent", ctx.config.user_agent}, {"Accept", "application/pdf"}};
            r.final_after_us = 0;  // an edition is published once
            r.check = [](std::string_view body) { return check_pdf(body); };
            out.push_back(std::move(r));
        }
    return out;
}

}  // namespace

std::string injury_report_edition(const std::string& typed) {
    // h, hh, h:mm / hh:mm (":", "_" or " "), or hhmm; "123pm" is refused, not read as 01:23.
    static const std::regex form(R"(\s*(?:(\d{1,2})(?:[:_ ](\d{2}))?|(\d{2})(\d{2}))\s*([AaPp])[Mm]\s*)");
    std::smatch m;
    const auto bad = [&] {
        return std::invalid_argument(fmt::format("'{}' is not an injury report edition: an hour of 1-12 with AM or PM, and "
                                                 "minutes if the edition has them (05PM, 5pm, 12:30PM)",
                                                 typed));
    };
    if (!std::regex_match(typed, m, form)) throw bad();
    const bool packed = m[3].matched;  // hhmm
    const int hour = std::stoi(m[packed ? 3 : 1].str());
    const int minute = packed ? std::stoi(m[4].str()) : m[2].matched ? std::stoi(m[2].str()) : 0;
    if (hour < 1 || hour > 12 || minute > 59) throw bad();
    const char half = static_cast<char>(std::toupper(static_cast<unsigned char>(m[5].str()[0])));
    // An hour's edition is named without minutes (05PM); the others with them (12_30PM).
    return minute ? fmt::format("{:02}_{:02}{}M", hour, minute, half) : fmt::format("{:02}{}M", hour, half);
}

const std::vector<Target>& injury_report_targets() {
    static const std::vector<Target> t{
        {"report", "the injury report PDF of each date (--report-time, default 05PM; repeatable)", plan_report},
    };
    return t;
}

}  // namespace courtside::fetch

#include "fetch/injury_report.hpp"

#include "fetch/payload_checks.hpp"
#include "fetch/url.hpp"

#include <fmt/format.h>

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

const std::vector<Target>& injury_report_targets() {
    static const std::vector<Target> t{
        {"report", "the injury report PDF of each date (--report-time, default 05PM; repeatable)", plan_report},
    };
    return t;
}

}  // namespace courtside::fetch

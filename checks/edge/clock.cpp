#include <cstdlib>

#include "checks/edge/sign_in.hpp"
#include "util/time.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    const long tolerance = context.option_number("max_skew_seconds");
    sign_in::for_each_session(context, results, [&](const facts::EdgeSession& session, const std::string& subject) {
        const auto& exchange = session.edge_config;  // any answer carries Date, a 401 or a 502 too
        if (exchange.status == 0) {
            results.add(subject, Status::not_run,
                        "no HTTP response to read the clock from: " + sign_in::explain(exchange));
            return;
        }
        const auto date = parse_http_date(exchange.date);
        if (!date) {
            results.add(subject, exchange.date.empty() ? Status::not_run : Status::warn,
                        exchange.date.empty() ? "the edge sent no Date header"
                                              : "the Date header '" + exchange.date + "' is not an HTTP date");
            return;
        }
        const std::int64_t skew = *date - exchange.received_at;
        const Evidence evidence = {
            {"date", exchange.date}, {"local_utc", rfc3339(exchange.received_at)}, {"skew_seconds", skew}};
        const std::string offset = std::to_string(std::llabs(skew)) + " s " + (skew < 0 ? "behind" : "ahead of");
        if (std::llabs(skew) > tolerance)
            results.add(subject, Status::fail,
                        "the edge's clock is " + offset + " local UTC (more than " + std::to_string(tolerance) + " s)",
                        evidence);
        else
            results.add(subject, Status::pass, "the edge's clock is " + offset + " local UTC", evidence);
    });
}

}  // namespace

extern const Check edge_clock{
    .info =
        {
            .id = "edge.clock",
            .summary = "The Expressway-E's clock (HTTP Date) is within 60 s of local UTC.",
            .citation = "Cisco TAC, Jabber MRA registration fails with unsynchronised NTP (SIP SERVICE 60 s "
                        "margin); MRA Deployment Guide X15.0, NTP",
            .severity = Severity::major,
            .remediation = "Point the Expressway-E and -C (and CUCM) at the same reachable NTP servers "
                           "(System > Time) and check that they are synchronised; check this machine's clock too.",
            .options = {{"max_skew_seconds", "60", "fail when the edge's clock differs by more than this"}},
        },
    .run = run,
};

}  // namespace mra::checks

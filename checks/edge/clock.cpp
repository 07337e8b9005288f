// edge.clock: three clocks a client can read, compared pairwise. The Date of get_edge_config is
// relayed from Expressway-C (Expressway-E proxies the request to it), so it is most likely
// Expressway-C's clock; the Date of the SIP answers is the Expressway-E's own; and local UTC.
// Expressway-C accepts Expressway-E's SERVICE only within 60 s of its own time, and tokens expire.

#include <cstdlib>
#include <optional>

#include "checks/edge/sign_in.hpp"
#include "util/text.hpp"
#include "util/time.hpp"

namespace mra::checks {
namespace {

// One clock read from an answer's Date header.
struct Clock {
    std::string name;              // how the finding names it
    std::string key;               // its evidence key
    std::string date;              // the header as sent
    std::int64_t received_at = 0;  // local UTC when it arrived
    std::optional<std::int64_t> offset() const {
        const auto parsed = parse_http_date(date);
        return parsed ? std::optional(*parsed - received_at) : std::nullopt;
    }
};

// The Expressway-E's own clock: the Date of the first SIP answer from `host` that carries one.
std::optional<Clock> sip_clock(const facts::Facts& facts, const std::string& host) {
    for (const auto& endpoint : facts.sip)
        if (equal_ignoring_case(endpoint.tls.host, host))
            for (const auto& exchange : endpoint.exchanges)
                if (!exchange.date.empty() && exchange.received_at > 0)
                    return Clock{"the Expressway-E's own clock (Date of its SIP " + exchange.method + " answer)",
                                 "sip_date", exchange.date, exchange.received_at};
    return std::nullopt;
}

std::string apart(std::int64_t seconds, const std::string& than) {
    return std::to_string(std::llabs(seconds)) + " s " + (seconds < 0 ? "behind " : "ahead of ") + than;
}

// Judges the clocks read for one Expressway-E.
void judge(Results& results, const std::string& subject, const std::vector<Clock>& clocks, long tolerance) {
    Evidence evidence;
    std::vector<std::pair<const Clock*, std::int64_t>> read;
    std::string unreadable;
    for (const auto& clock : clocks) {
        evidence[clock.key] = clock.date;
        evidence["local_utc"] = rfc3339(clock.received_at);
        if (const auto offset = clock.offset()) {
            read.emplace_back(&clock, *offset);
            evidence[clock.key + "_skew_seconds"] = *offset;
        } else {
            unreadable = "the Date header '" + clock.date + "' (" + clock.name + ") is not an HTTP date";
        }
    }
    std::vector<std::string> over, within;
    for (std::size_t i = 0; i < read.size(); ++i) {
        const auto& [clock, offset] = read[i];
        (std::llabs(offset) > tolerance ? over : within).push_back(clock->name + " is " + apart(offset, "local UTC"));
        for (std::size_t j = i + 1; j < read.size(); ++j) {
            const std::int64_t between = offset - read[j].second;
            if (std::llabs(between) > tolerance)
                over.push_back(clock->name + " is " + apart(between, read[j].first->name));
        }
    }
    if (read.size() == 2) evidence["between_seconds"] = read[0].second - read[1].second;
    if (!over.empty())
        results.add(subject, Status::fail, join(over, "; ") + " (more than " + std::to_string(tolerance) + " s)",
                    evidence);
    else if (!unreadable.empty())
        results.add(subject, Status::warn, unreadable, evidence);
    else
        results.add(subject, Status::pass, join(within, "; "), evidence);
}

void run(const CheckContext& context, Results& results) {
    const long tolerance = context.option_number("max_skew_seconds");
    const auto& facts = context.facts();
    std::vector<std::string> judged;  // the hosts whose SIP clock a sign-in finding used
    const auto with_sign_in = [&](const facts::EdgeSession& session, const std::string& subject) {
        const auto& exchange = session.edge_config;  // any answer carries Date, a 401 or a 502 too
        std::vector<Clock> clocks;
        if (exchange.status != 0 && !exchange.date.empty())
            clocks.push_back({"the clock behind get_edge_config (relayed, most likely Expressway-C's)", "date",
                              exchange.date, exchange.received_at});
        if (auto sip = sip_clock(facts, session.host)) {
            clocks.push_back(*sip);
            judged.push_back(session.host);
        }
        if (clocks.empty())
            results.add(subject, Status::not_run,
                        exchange.status == 0 ? "no HTTP response to read the clock from: " + sign_in::explain(exchange)
                                             : "the edge sent no Date header");
        else
            judge(results, subject, clocks, tolerance);
    };
    if (facts.sign_in) sign_in::for_each_session(context, results, with_sign_in);
    // The SIP edge servers no sign-in finding covered (no test user, `sip HOST`, or a SIP edge that
    // is not a _collab-edge target): their own clock against local UTC.
    bool any = facts.sign_in.has_value();
    for (const auto& endpoint : facts.sip) {
        bool seen = false;
        for (const auto& host : judged) seen = seen || equal_ignoring_case(host, endpoint.tls.host);
        if (seen) continue;
        judged.push_back(endpoint.tls.host);
        if (auto sip = sip_clock(facts, endpoint.tls.host)) {
            judge(results, endpoint.tls.host + ":" + std::to_string(endpoint.tls.port), {*sip}, tolerance);
            any = true;
        }
    }
    if (!any) sign_in::for_each_session(context, results, with_sign_in);  // says why nothing was read
}

}  // namespace

extern const Check edge_clock{
    .info =
        {
            .id = "edge.clock",
            .summary = "Local UTC, the clock behind get_edge_config (most likely Expressway-C's) and the "
                       "Expressway-E's own (the Date of its SIP answers) are within 60 s of each other.",
            .citation = "Cisco TAC, Jabber MRA registration fails with unsynchronised NTP (SIP SERVICE 60 s "
                        "margin); MRA Deployment Guide X15.0, NTP; RFC 3261 §20.17 (Date)",
            .severity = Severity::major,
            .remediation = "Point the Expressway-E and -C (and CUCM) at the same reachable NTP servers "
                           "(System > Time) and check that they are synchronised; check this machine's clock too.",
            .options = {{"max_skew_seconds", "60", "fail when two of the clocks differ by more than this"}},
        },
    .run = run,
};

const Registration registration{edge_clock, 3080};

}  // namespace mra::checks

#pragma once
// Runs against the lab with a fault injected (the fault-injection tests). In a DNS view of the
// test's own, expe2.example.com is a fault peer on 127.0.10.3 that relays every port to the lab's
// real expe2 (127.0.10.2) except the one that plays the fault; expe1 is the lab's, untouched. Each
// run is timed from outside and compared with a baseline run through the same peer without a fault:
// the findings about the faulty endpoint must name the fault, every other finding must be what it
// was in the baseline, and the run must end inside --timeout.

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "e2e/lab.hpp"
#include "faults/fault_peer.hpp"
#include "probe/dns/test_dns_server.hpp"
#include "support/process.hpp"

namespace mra::test::faults {

inline const std::string fault_address = "127.0.10.3";
inline const std::string real_expe2 = "127.0.10.2";
inline constexpr double run_timeout = 4;  // --timeout of every fault run
// --timeout bounds the whole command, report included, as the report's duration_ms shows; from
// outside, starting and ending the process come on top — about a second under a sanitizer (a leak
// check at exit) on a loaded CI machine. This bound is no speed target: it catches a run that
// overstays its deadline, where a stage waiting out its own timeout would add another 3.5 s.
inline constexpr double process_slack = 2.5;

// The lab's external view (fixtures/lab/healthy/external.zone), but expe2 at the fault peer.
inline std::vector<std::string> fault_view() {
    return {
        "_collab-edge._tls.example.com. 300 IN SRV 10 10 8443 expe1.example.com.",
        "_collab-edge._tls.example.com. 300 IN SRV 10 10 8443 expe2.example.com.",
        "_sips._tcp.example.com. 300 IN SRV 10 10 5061 expe1.example.com.",
        "_sips._tcp.example.com. 300 IN SRV 10 10 5061 expe2.example.com.",
        "expe1.example.com. 300 IN A 127.0.10.1",
        "expe2.example.com. 300 IN A " + fault_address,
        // The certificates' CRL and OCSP hosts, as the lab's external view publishes them.
        "pki.example.com. 300 IN A 127.0.40.1",
        "ocsp.example.com. 300 IN A 127.0.40.2",
    };
}

// The lab peer's identity, for a fault peer that speaks TLS itself (curl then trusts it as expe2).
inline ServerIdentity expe2_identity(const Lab& lab) {
    const std::string certs = lab["LAB_DIR"] + "/certs/";
    return ServerIdentity::from_files({certs + "expe2-chain.pem"}, certs + "expe2.key");
}

struct FaultRun {
    Outcome outcome;
    nlohmann::json report;
    double seconds = 0;
};

// `run` against the lab through `resolver` (the fault view), timed from outside.
inline FaultRun run_through(const Lab& lab, const std::string& resolver) {
    const auto start = std::chrono::steady_clock::now();
    auto outcome = run_tool(lab.run_arguments(std::to_string(run_timeout), resolver));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    INFO(outcome.err);
    REQUIRE(outcome.exit_code >= 0);
    REQUIRE(outcome.exit_code <= 3);
    return {outcome, nlohmann::json::parse(outcome.out), seconds};
}

// (check id, subject) → status.
using Statuses = std::map<std::pair<std::string, std::string>, std::string>;

inline Statuses statuses_of(const nlohmann::json& report) {
    Statuses statuses;
    for (const auto& finding : report["findings"]) statuses[{finding["id"], finding["subject"]}] = finding["status"];
    return statuses;
}

// The finding of `id` about `subject`; fails the test when there is none.
inline nlohmann::json finding_of(const nlohmann::json& report, const std::string& id, const std::string& subject) {
    for (const auto& finding : report["findings"])
        if (finding["id"] == id && finding["subject"] == subject) return finding;
    FAIL("no finding " << id << " about " << subject);
    return {};
}

// A finding that must name the fault.
struct Named {
    std::string id;
    std::string subject;
    std::string status;
    std::vector<std::string> message;  // fragments its message must contain
};

// A fault of the DNS view: the answer to play for a query, or nullopt to answer from the zone.
using DnsFault = std::function<std::optional<DnsResponse>(const DnsRequest&)>;

struct Fault {
    std::string what;  // for the test log
    FaultPeer::Faults faults;
    std::vector<Named> named;
    int exit_code = 2;
    // Findings whose subject contains one of these may differ from the baseline (downstream of the
    // fault); the named findings' subjects when empty.
    std::vector<std::string> affected;
    std::set<std::string> also_affected;  // check ids that may differ whatever their subject
    DnsFault dns;
    // When set, the run's peak resident memory may exceed the baseline run's by at most this many MiB:
    // for a fault that would make a client buffer what it is sent.
    std::optional<long> extra_memory_mib;
};

// A lab, a fault view of its DNS and the baseline run through a fault peer that only relays.
class FaultBench {
public:
    explicit FaultBench(const Lab& lab)
        : m_lab(lab), m_dns([zone = dns_zone(fault_view()), fault = m_dns_fault](const DnsRequest& request) {
              if (const auto played = fault->play(request)) return *played;
              return zone(request);
          }) {
        const FaultPeer relaying(fault_address, real_expe2, {});
        const auto baseline = run_through(m_lab, m_dns.text());
        // Through the relay the lab is as healthy as without it: the peer is transparent.
        CHECK(baseline.outcome.exit_code == 0);
        m_baseline = statuses_of(baseline.report);
        m_baseline_rss_kib = baseline.outcome.max_rss_kib;
    }

    // Runs with `fault` and checks what it must do.
    void play(const Fault& fault) const {
        CAPTURE(fault.what);
        FaultRun run;
        {
            const FaultPeer peer(fault_address, real_expe2, fault.faults);
            m_dns_fault->set(fault.dns);
            run = run_through(m_lab, m_dns.text());
            m_dns_fault->set({});
        }
        MESSAGE(fault.what << ": " << run.seconds << " s (the report's duration_ms " << run.report["duration_ms"]
                           << "), exit " << run.outcome.exit_code);
        CHECK(run.report["duration_ms"].get<double>() < run_timeout * 1000);
        CHECK(run.seconds < run_timeout + process_slack);
        CHECK(run.outcome.exit_code == fault.exit_code);
        if (fault.extra_memory_mib) {
            MESSAGE("  peak resident memory " << run.outcome.max_rss_kib << " KiB, the baseline's "
                                              << m_baseline_rss_kib << " KiB");
            CHECK(run.outcome.max_rss_kib <= m_baseline_rss_kib + *fault.extra_memory_mib * 1024);
        }
        auto affected = fault.affected;
        for (const auto& named : fault.named) {
            const auto finding = finding_of(run.report, named.id, named.subject);
            const std::string message = finding["message"];
            MESSAGE("  " << named.id << " " << named.subject << " " << finding["status"].get<std::string>() << ": "
                         << message);
            CHECK(finding["status"] == named.status);
            for (const auto& fragment : named.message) CHECK(message.find(fragment) != std::string::npos);
            if (fault.affected.empty()) affected.push_back(named.subject);
        }
        check_intact(run.report, affected, fault.also_affected);
    }

private:
    // Every finding of the baseline that the fault does not affect is there with the same status.
    void check_intact(const nlohmann::json& report, const std::vector<std::string>& affected,
                      const std::set<std::string>& also_affected) const {
        const auto statuses = statuses_of(report);
        std::string changed;
        for (const auto& entry : m_baseline) {
            const auto& key = entry.first;
            const auto& status = entry.second;
            const bool downstream = std::any_of(affected.begin(), affected.end(), [&](const std::string& subject) {
                return key.second.find(subject) != std::string::npos;
            });
            if (downstream || also_affected.count(key.first)) continue;
            const auto found = statuses.find(key);
            const std::string now = found == statuses.end() ? "missing" : found->second;
            if (now != status) changed += "\n  " + key.first + " " + key.second + ": " + status + " -> " + now;
        }
        CHECK_MESSAGE(changed.empty(), "findings the fault should not have changed:", changed);
    }

    // The DNS fault of the run under way, read by the DNS server's thread.
    class CurrentDnsFault {
    public:
        void set(DnsFault fault) {
            std::lock_guard lock(m_mutex);
            m_fault = std::move(fault);
        }
        std::optional<DnsResponse> play(const DnsRequest& request) const {
            std::lock_guard lock(m_mutex);
            return m_fault ? m_fault(request) : std::nullopt;
        }

    private:
        mutable std::mutex m_mutex;
        DnsFault m_fault;
    };

    const Lab& m_lab;
    std::shared_ptr<CurrentDnsFault> m_dns_fault = std::make_shared<CurrentDnsFault>();
    TestDnsServer m_dns;  // after the fault it reads
    Statuses m_baseline;
    long m_baseline_rss_kib = 0;
};

}  // namespace mra::test::faults

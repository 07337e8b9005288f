#pragma once
// The check interface. A check is metadata plus a pure function of the facts that records findings:
// it never prints and never does I/O. One check per file under checks/<group>/.

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "core/subject.hpp"
#include "facts/facts.hpp"

namespace mra {

using Evidence = nlohmann::ordered_json;  // a plain value tree; writers decide how to show it

struct CheckOption {
    std::string_view name;
    std::string_view default_value;
    std::string_view description;
};

struct CheckInfo {
    std::string_view id;           // "group.kebab-name", stable once released
    std::string_view summary;      // one sentence: what passing means
    std::string_view citation;     // RFC section or Cisco guide
    Severity severity;             // default; profiles may override
    std::string_view remediation;  // what to do when it does not pass
    std::vector<CheckOption> options = {};
    // The check judges the user's inputs themselves (they decode, the key belongs to the
    // certificate): when it fails nothing else can be trusted, and the verdict is unknown.
    bool judges_input = false;

    std::string_view group() const { return id.substr(0, id.find('.')); }
};

// What a check is given: the facts, and its options with profile overrides applied.
class CheckContext {
public:
    CheckContext(const facts::Facts& facts, const CheckInfo& info, const std::map<std::string, std::string>& overrides);
    const facts::Facts& facts() const { return m_facts; }
    std::int64_t now() const { return m_facts.evaluated_at; }
    std::string option(std::string_view name) const;
    long option_number(std::string_view name) const;  // std::invalid_argument when not a number

private:
    const facts::Facts& m_facts;
    const CheckInfo& m_info;
    const std::map<std::string, std::string>& m_overrides;
};

struct Result {
    Subject subject;  // what was checked
    Status status;
    std::string message;
    Evidence evidence = Evidence::object();
    // A subject that matters less than the check's main subjects (dns.srv-target's federation records
    // beside the MRA path): the finding's severity is at most this, whatever the profile says.
    std::optional<Severity> at_most = std::nullopt;
};

// Collects a check's results. One result per subject: the history matches findings by check id and
// subject.
class Results {
public:
    void add(Subject subject, Status status, std::string message, Evidence evidence = Evidence::object(),
             std::optional<Severity> at_most = std::nullopt);
    const std::vector<Result>& all() const { return m_results; }

private:
    std::vector<Result> m_results;
};

struct Check {
    CheckInfo info;
    void (*run)(const CheckContext& context, Results& results);
};

// Puts a check in the catalogue, from its own file, after its definition:
//
//     const Registration registration{dns_resolver, 1000};
//
// The rank orders the catalogue, and with it every report, along the client's path: 1000 discovery
// (dns), 2000 the certificates (cert), 3000 the connection and sign-in (edge), 4000 UDS, 5000 the
// TFTP files (5500 the edge's allow list, which they exercise), 6000 SIP, 7000 XMPP, 8000 TURN,
// 9000 the probe itself. Ranks are unique; gaps of ten leave room between neighbours.
struct Registration {
    Registration(const Check& check, int rank);
};

}  // namespace mra

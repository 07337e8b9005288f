#include "facts/dns_names.hpp"

#include <array>
#include <utility>

#include "util/name_table.hpp"
#include "util/text.hpp"

namespace mra::facts::dns {

std::string canonical_name(std::string_view name) {
    if (name.size() > 1 && name.back() == '.') name.remove_suffix(1);
    return lower_case(name);
}

std::string service_name(std::string_view service, std::string_view domain) {
    return std::string(service) + "." + canonical_name(domain);
}

namespace {

constexpr std::array view_names{std::pair{DnsView::external, "external"}, std::pair{DnsView::internal, "internal"}};
constexpr std::array outcome_names{
    std::pair{DnsOutcome::answer, "answer"},       std::pair{DnsOutcome::nodata, "nodata"},
    std::pair{DnsOutcome::nxdomain, "nxdomain"},   std::pair{DnsOutcome::servfail, "servfail"},
    std::pair{DnsOutcome::refused, "refused"},     std::pair{DnsOutcome::other_rcode, "other_rcode"},
    std::pair{DnsOutcome::timeout, "timeout"},     std::pair{DnsOutcome::network_error, "network_error"},
    std::pair{DnsOutcome::malformed, "malformed"},
};

}  // namespace

std::string_view to_string(DnsView view) {
    return name_of(view_names, view);
}
std::string_view to_string(DnsOutcome outcome) {
    return name_of(outcome_names, outcome);
}
std::optional<DnsView> parse_dns_view(std::string_view text) {
    return value_of(view_names, text);
}
std::optional<DnsOutcome> parse_dns_outcome(std::string_view text) {
    return value_of(outcome_names, text);
}

std::string to_string(const facts::SrvRecord& record) {
    return std::to_string(record.priority) + " " + std::to_string(record.weight) + " " + std::to_string(record.port) +
           " " + record.target;
}

}  // namespace mra::facts::dns

#include "facts/dns_names.hpp"

#include "util/text.hpp"

namespace mra::facts::dns {

std::string canonical_name(std::string_view name) {
    if (name.size() > 1 && name.back() == '.') name.remove_suffix(1);
    return lower_case(name);
}

std::string service_name(std::string_view service, std::string_view domain) {
    return std::string(service) + "." + canonical_name(domain);
}

std::string_view to_string(facts::DnsView view) {
    switch (view) {
        case facts::DnsView::external:
            return "external";
        case facts::DnsView::internal:
            return "internal";
    }
    return "unknown";
}

std::string_view to_string(facts::DnsOutcome outcome) {
    switch (outcome) {
        case facts::DnsOutcome::answer:
            return "answer";
        case facts::DnsOutcome::nodata:
            return "nodata";
        case facts::DnsOutcome::nxdomain:
            return "nxdomain";
        case facts::DnsOutcome::servfail:
            return "servfail";
        case facts::DnsOutcome::refused:
            return "refused";
        case facts::DnsOutcome::other_rcode:
            return "other_rcode";
        case facts::DnsOutcome::timeout:
            return "timeout";
        case facts::DnsOutcome::network_error:
            return "network_error";
        case facts::DnsOutcome::malformed:
            return "malformed";
    }
    return "unknown";
}

std::string to_string(const facts::SrvRecord& record) {
    return std::to_string(record.priority) + " " + std::to_string(record.weight) + " " + std::to_string(record.port) +
           " " + record.target;
}

}  // namespace mra::facts::dns
